"""Every label printed on a document, in Simplified Chinese and English (patient data stays as recorded)."""

from __future__ import annotations

LANGUAGES = ("zh_CN", "en_US")

# key -> (zh_CN, en_US)
LABELS: dict[str, tuple[str, str]] = {
    # page frame
    "page_of": ("第 {page} 页 / 共 {pages} 页", "Page {page} of {pages}"),
    "printed": ("打印时间：{at}　打印人：{by}", "Printed {at} by {by}"),
    "name": ("姓名", "Name"),
    "sex": ("性别", "Sex"),
    "age": ("年龄", "Age"),
    "age_years": ("{years}岁", "{years} y"),
    "record_number": ("病案号", "Record no."),
    "ward": ("科室", "Ward"),
    "bed": ("床号", "Bed"),
    "diagnosis": ("诊断", "Diagnosis"),
    "allergies": ("过敏史", "Allergies"),
    "no_known_allergies": ("无已知过敏", "No known allergies"),
    "weight": ("体重", "Weight"),
    "admitted": ("入院日期", "Admitted"),
    "attending": ("主治医师", "Attending"),
    "acuity": ("病情", "Acuity"),
    "male": ("男", "Male"),
    "female": ("女", "Female"),
    "unknown": ("未知", "Unknown"),
    "critical": ("病危", "Critical"),
    "serious": ("病重", "Serious"),
    "stable": ("一般", "Stable"),
    "none": ("无", "None"),
    "mild": ("轻度", "mild"),
    "moderate": ("中度", "moderate"),
    "severe": ("重度", "severe"),
    "signature": ("签名", "Signature"),
    "date": ("日期", "Date"),
    "time": ("时间", "Time"),
    # orders
    "drug": ("药品名称", "Medicine"),
    "dose": ("剂量", "Dose"),
    "route": ("途径", "Route"),
    "frequency": ("频次", "Frequency"),
    "days": ("天数", "Days"),
    "order": ("医嘱内容", "Order"),
    "start": ("开始", "Start"),
    "stop": ("停止", "Stop"),
    "doctor": ("医师签名", "Doctor"),
    "nurse": ("护士签名", "Nurse"),
    "executed_at": ("执行时间", "Carried out"),
    "executed_by": ("执行者签名", "Carried out by"),
    "status": ("状态", "Status"),
    "placed": ("待审核", "Awaiting verification"),
    "verified": ("已审核", "Verified"),
    "discontinued": ("已停止", "Discontinued"),
    "completed": ("已完成", "Completed"),
    "rejected": ("已拒绝", "Rejected"),
    "prn_when": ("必要时：{why}", "As needed: {why}"),
    # prescription
    "prescription": ("处方笺", "Prescription"),
    "prescription_kind": ("普通处方", "Standard prescription"),
    "fee_category": ("费别：________", "Payer: ________"),
    "prescriber": ("医师", "Prescriber"),
    "reviewer": ("审核药师", "Reviewed by (pharmacist)"),
    "dispenser": ("调配药师", "Dispensed by"),
    "checker": ("核对、发药药师", "Checked and issued by"),
    "drug_cost": ("药品金额：________", "Amount: ________"),
    "usage": ("用法用量：{dose} {route} {freq}", "Sig: {dose} {route} {freq}"),
    "for_days": ("共 {days} 天", "for {days} days"),
    "no_medications": ("无在用药物医嘱", "No medication orders in force"),
    # order sheets
    "long_term_orders": ("长期医嘱单", "Long-term orders"),
    "temporary_orders": ("临时医嘱单", "Temporary orders"),
    "no_orders": ("无医嘱", "No orders"),
    "reorganised": ("重整医嘱（{at}，{by}）", "Orders reorganised ({at}, {by})"),
    "reissued": ("重整", "re-issued"),
    "verbal_order": ("口头医嘱", "verbal order"),
    "verbal_from": (
        "口头医嘱：{doctor}（{nurse} 接）",
        "verbal order from {doctor}, taken by {nurse}",
    ),
    "verbal_awaiting": ("待医师补签（{at} 前）", "doctor to sign by {at}"),
    "verbal_overdue": ("超时未补签（应于 {at} 前）", "OVERDUE: doctor's signature due {at}"),
    "verbal_signed": ("已补签：{by}", "signed by {by}"),
    "discharge_med": ("出院带药", "Discharge medicine"),
    "discharge_prescription": ("出院带药处方", "Discharge prescription"),
    "supply": ("共 {quantity} {unit}，{days} 天", "{quantity} {unit}, {days} days"),
    # MAR
    "mar": ("给药记录单", "Medication administration record"),
    "period": ("时段：{start} 至 {end}", "Period: {start} to {end}"),
    "given": ("已给", "Given"),
    "held": ("暂停", "Held"),
    "refused": ("拒绝", "Refused"),
    "not_given": ("未给", "Not given"),
    "not_recorded": ("未记录", "Not recorded"),
    "due": ("待给", "Due"),
    "as_needed": ("按需", "As needed"),
    "mar_legend": (
        "记录格式：计划时间 结果 实际时间 执行者；待给剂量请手工签名。",
        "Each entry: scheduled time, outcome, time done, by whom; sign due doses by hand.",
    ),
    # vitals chart
    "vitals_chart": ("体温单", "Temperature chart"),
    "hospital_day": ("住院日数", "Hospital day"),
    "hour": ("时间", "Hour"),
    "band_admitted": ("入院", "Admitted"),
    "band_discharged": ("出院", "Discharged"),
    "temperature": ("体温 °C", "Temp °C"),
    "pulse": ("脉搏 次/分", "Pulse /min"),
    "respiration": ("呼吸 次/分", "Resp. /min"),
    "blood_pressure": ("血压 mmHg", "BP mmHg"),
    "spo2": ("血氧饱和度 %", "SpO₂ %"),
    "weight_kg": ("体重 kg", "Weight kg"),
    "intake": ("入量 ml", "Intake ml"),
    "output": ("出量 ml", "Output ml"),
    "urine": ("尿量 ml", "Urine ml"),
    "stool": ("大便 次/日", "Stools /day"),
    "pain": ("疼痛评分", "Pain score"),
    "chart_legend": (
        "蓝色 × 体温　红色 ● 脉搏　黑色 ○ 呼吸（右侧刻度）",
        "Blue × temperature   red ● pulse   black ○ respiration (right scale)",
    ),
    "chart_legend_rows": (
        "蓝色 × 体温　红色 ● 脉搏　呼吸（次/分）以数字记录于呼吸栏",
        "Blue × temperature; red ● pulse; respiration (/min) as figures in its row",
    ),
    "fluid_legend": (
        "入量、出量、尿量、大便次数：前一日 {start} 至当日 {start} 的 24 小时合计（出量含尿量）",
        "Intake, output, urine and stools: the 24 hours from {start} the day before to {start} "
        "that day (output includes urine)",
    ),
    # notes and summaries
    "progress_notes": ("病程记录", "Progress notes"),
    "addendum": ("补充记录", "Addendum"),
    "signed_by": ("签名：{by}　{at}", "Signed by {by} at {at}"),
    "cosigned_by": ("上级医师审签：{by}　{at}", "Co-signed by {by} at {at}"),
    "awaiting_cosign": ("待上级医师审签", "Awaiting co-signature"),
    "admission_note": ("入院记录", "Admission note"),
    "first_progress_note": ("首次病程记录", "First progress note"),
    "daily_progress_note": ("日常病程记录", "Daily progress note"),
    "ward_round_note": ("查房记录", "Ward round note"),
    "discharge_summary": ("出院记录", "Discharge summary"),
    "nursing_note": ("护理记录", "Nursing note"),
    "consultation_note": ("会诊记录", "Consultation note"),
    "no_notes": ("无病程记录", "No notes"),
    "draft": ("草稿（由病历自动汇总，未签名）", "DRAFT (compiled from the chart, not signed)"),
    "discharged": ("出院日期", "Discharged"),
    "not_discharged": ("尚未出院", "Not yet discharged"),
    "problems": ("诊断及问题", "Diagnoses and problems"),
    "hospital_course": ("诊疗经过（最近病程）", "Hospital course (latest progress note)"),
    "latest_results": ("最近检验结果", "Latest results"),
    "discharge_meds": ("出院带药", "Medicines on discharge"),
    "follow_up": ("出院医嘱及随访", "Discharge advice and follow-up"),
    "doctor_signature": ("医师签名：____________", "Doctor's signature: ____________"),
    # handoff
    "handoff": ("交接班记录（I-PASS）", "Handoff (I-PASS)"),
    "active_orders": ("在用医嘱", "Active orders"),
    "due_next_shift": ("下一班待给药（{hours} 小时内）", "Due in the next shift ({hours} h)"),
    "pending_results": ("待回报检查", "Pending results"),
    "latest_vitals": ("最近生命体征", "Latest vitals"),
    "review_flags": ("待复核事项", "Flags to review"),
    "abnormal_results": ("异常结果", "Abnormal results"),
    "handed_over_by": ("交班者：____________", "Handed over by: ____________"),
    "received_by": ("接班者：____________", "Received by: ____________"),
    "vitals_line": (
        "{at}：T {t}°C  P {p}次/分  R {r}次/分  BP {bp}mmHg  SpO₂ {s}%",
        "{at}: T {t} °C  P {p}/min  R {r}/min  BP {bp} mmHg  SpO₂ {s}%",
    ),
    # labels and stock
    "medication_label": ("药品标签", "Medication labels"),
    "stock_report": ("库存报表", "Stock report"),
    "location": ("库位", "Location"),
    "lot": ("批号", "Lot"),
    "expiry": ("有效期", "Expiry"),
    "quantity": ("数量", "Quantity"),
    "unit": ("单位", "Unit"),
    "remark": ("备注", "Remark"),
    "expired": ("已过期", "Expired"),
    "negative": ("负库存，需盘点", "Negative: reconcile"),
    "no_stock": ("无库存记录", "No stock recorded"),
    # downtime pack
    "downtime_pack": ("停机应急资料", "Downtime pack"),
    "census": ("病区患者一览", "Ward census"),
    "data_as_of": (
        "数据截至最近同步：{at}。此后的记录不在本资料中；恢复后请补录。",
        "Data as of the last sync: {at}. Anything recorded since is not here; enter it when back.",
    ),
    "never_synced": ("从未同步", "never"),
    "mar_next": (
        "未来 {hours} 小时给药记录（手工填写）",
        "MAR for the next {hours} hours (fill by hand)",
    ),
    "due_at": ("计划时间", "Due"),
    "given_at": ("给药时间", "Time given"),
    "initials": ("签名", "Initials"),
    "no_doses_due": ("此时段无计划给药", "No doses due in this period"),
    "patients_count": ("在院患者 {n} 人", "{n} patients admitted"),
    "result": ("结果", "Result"),
    "test": ("项目", "Test"),
    "reference": ("参考范围", "Reference"),
}


def translate(lang: str, key: str, **values: object) -> str:
    """A label in the language, with {placeholders} filled."""
    zh, en = LABELS[key]
    text = zh if lang == "zh_CN" else en
    return text.format(**values) if values else text


ROUTES: dict[str, tuple[str, str]] = {
    "po": ("口服", "oral"), "iv": ("静脉注射", "IV"), "ivgtt": ("静脉滴注", "IV infusion"),
    "im": ("肌内注射", "IM"), "sc": ("皮下注射", "subcut"), "ih": ("皮下注射", "subcut"),
    "sl": ("舌下含服", "sublingual"), "inh": ("吸入", "inhaled"), "pr": ("直肠给药", "rectal"),
    "top": ("外用", "topical"), "id": ("皮内注射", "intradermal"), "neb": ("雾化吸入", "nebulised"),
    "pv": ("阴道给药", "vaginal"), "ng": ("鼻饲", "via NG tube"),
}  # fmt: skip

FREQUENCY_TEXT: dict[str, tuple[str, str]] = {
    "qd": ("每日一次", "once daily"), "bid": ("每日两次", "twice daily"),
    "tid": ("每日三次", "three times daily"), "qid": ("每日四次", "four times daily"),
    "q4h": ("每4小时一次", "every 4 hours"), "q6h": ("每6小时一次", "every 6 hours"),
    "q8h": ("每8小时一次", "every 8 hours"), "q12h": ("每12小时一次", "every 12 hours"),
    "qn": ("每晚一次", "every night"), "qm": ("每晨一次", "every morning"),
    "qod": ("隔日一次", "every other day"), "qw": ("每周一次", "once weekly"),
    "st": ("立即", "at once"), "prn": ("必要时", "as needed"),
}  # fmt: skip


def route_text(lang: str, code: str | None) -> str:
    """A route code in words (the code itself when unknown)."""
    pair = ROUTES.get(code or "")
    return (pair[0] if lang == "zh_CN" else pair[1]) if pair else (code or "")


def frequency_text(lang: str, code: str | None) -> str:
    """A frequency code in words (the code itself when unknown)."""
    pair = FREQUENCY_TEXT.get(code or "")
    return (pair[0] if lang == "zh_CN" else pair[1]) if pair else (code or "")
