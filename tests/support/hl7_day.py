"""A day of HIS (ADT) and LIS (ORU) traffic for the HL7 inbound tests and the benchmark."""

from __future__ import annotations

from dataclasses import dataclass

WARDS = ("W1", "W2")


@dataclass(frozen=True)
class Sent:
    """One message as the sender puts it on the wire."""

    control_id: str
    text: str
    charset: str = "utf-8"  # the codec of the bytes

    def wire(self) -> bytes:
        """The message's bytes, segments ended by CR."""
        return self.text.encode(self.charset)


def msh(control_id: str, kind: str, *, facility: str = "HIS", charset: str = "") -> str:
    """An MSH segment; `kind` such as ADT^A01."""
    app = "LIS" if kind.startswith("ORU") else "HIS"
    return (
        f"MSH|^~\\&|{app}|{facility}|WORKSTATION|WARD|20261207083000||{kind}|{control_id}|P|2.5"
        f"||||||{charset}"
    )


def adt(
    control_id: str,
    trigger: str,
    mrn: str,
    *,
    name: str = "张^三",
    sex: str = "M",
    birth: str = "19600101",
    location: str = "W1^^1",
    extra: str = "",
    charset: str = "",
    authority: str = "HOSP",
) -> str:
    """An ADT message with EVN, PID, PV1 and any extra segments."""
    segments = [
        msh(control_id, f"ADT^{trigger}^ADT_A01", charset=charset),
        f"EVN|{trigger}|20261207083000",
        f"PID|1||{mrn}^^^{authority}^MR||{name}||{birth}|{sex}",
        f"PV1|1|I|{location}||||D01^王^医生|||||||||||||||||||||||||||||||||||20261207080000",
    ]
    return "\r".join(segments + ([extra] if extra else [])) + "\r"


def oru(control_id: str, mrn: str, obx: list[str], *, filler: str = "F100") -> str:
    """An ORU^R01 with one OBR and the given OBX segments."""
    segments = [
        msh(control_id, "ORU^R01^ORU_R01", facility="LAB"),
        f"PID|1||{mrn}^^^HOSP^MR||张^三||19600101|M",
        f"OBR|1|P{filler}|{filler}|2823-3^Potassium^LN|||20261207090000",
        *obx,
    ]
    return "\r".join(segments) + "\r"


def potassium(value: str, status: str, flag: str = "L") -> str:
    """An OBX of serum potassium (LOINC 2823-3)."""
    return f"OBX|1|NM|2823-3^Potassium [Moles/volume] in Serum or Plasma^LN||{value}|mmol/L|3.5-5.5|{flag}|||{status}|||20261207091500"


def day() -> list[Sent]:
    """The day's traffic, in the order it is sent: with a resend, a transfer before its admission,
    a GB18030 message with rare characters, malformed messages, a correction and a merge."""
    a01 = Sent(
        "ADT0001",
        adt(
            "ADT0001", "A01", "MRN1001", extra="AL1|1|DA|PCN^青霉素|SV|皮疹\rDG1|1||J18.9^肺炎^I10"
        ),
    )
    return [
        a01,
        a01,  # resend: the same ACK, nothing twice
        Sent("ADT0002", adt("ADT0002", "A02", "MRN1002", name="李^四", sex="F", location="W2^^5")),
        Sent(
            "ADT0003", adt("ADT0003", "A01", "MRN1002", name="李^四", sex="F", location="W1^02^1")
        ),
        Sent(
            "ADT0004",
            adt(
                "ADT0004",
                "A01",
                "MRN1003",
                name="𠮷^䶮",
                sex="F",
                location="W1^^7",
                charset="GB18030",
            ),
            charset="gb18030",
        ),
        Sent("LAB0001", oru("LAB0001", "MRN1001", [potassium("2.8", "P")])),
        Sent("LAB0002", oru("LAB0002", "MRN1001", [potassium("2.9", "C")])),
        Sent("ADT0005", adt("ADT0005", "A01", "MRN1009", birth="19AB0101")),  # bad PID-7
        Sent(
            "LAB0003", oru("LAB0003", "MRN1001", [potassium("abc", "F")], filler="F101")
        ),  # bad OBX-5
        Sent("ADT0006", adt("ADT0006", "A01", "MRN1004", name="王^五", location="W1^^9")),
        Sent("ADT0007", adt("ADT0007", "A01", "MRN1005", name="王^五", location="W1^^10")),
        Sent(
            "ADT0008",
            adt(
                "ADT0008",
                "A40",
                "MRN1004",
                name="王^五",
                location="W1^^9",
                extra="MRG|MRN1005^^^HOSP^MR",
            ),
        ),
        Sent(
            "ADT0009", adt("ADT0009", "A01", "MRN1006", name="赵^六", location="W9^^1")
        ),  # unknown ward
        Sent(
            "LAB0004", oru("LAB0004", "MRN1099", [potassium("4.0", "F", "N")], filler="F102")
        ),  # never admitted
    ]


# What the census must be at the end: record number -> (name, ward, bed).
EXPECTED_CENSUS = {
    "MRN1001": ("张三", "W1", "1"),
    "MRN1002": ("李四", "W2", "5"),
    "MRN1003": ("𠮷䶮", "W1", "7"),
    "MRN1004": ("王五", "W1", "9"),
}
EXPECTED_QUEUE = {
    "HIS|ADT0005": ("rejected", "PID-7"),
    "LAB|LAB0003": ("rejected", "OBX-5"),
    "HIS|ADT0009": ("rejected", "PV1-3"),
    "LAB|LAB0004": ("held", None),
}
