<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>CareLevelShort</name>
    <message>
        <location filename="../../ui/screens/critical/texts.py" line="13" />
        <source>Special</source>
        <translation>特级</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/texts.py" line="14" />
        <source>1</source>
        <translation>一级</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/texts.py" line="15" />
        <source>2</source>
        <translation>二级</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/texts.py" line="16" />
        <source>3</source>
        <translation>三级</translation>
    </message>
</context>
<context>
    <name>AddendumDialog</name>
    <message>
        <location filename="../../ui/screens/notes/dialogs.py" line="69" />
        <source>Addendum</source>
        <translation>补充记录</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notes/dialogs.py" line="73" />
        <source>Add addendum (Ctrl+Enter)</source>
        <translation>添加补充记录 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notes/dialogs.py" line="81" />
        <source>Addendum to “%1”. The signed note itself does not change.</source>
        <translation>为“%1”添加补充记录。已签名的记录本身不会改变。</translation>
    </message>
</context>
<context>
    <name>AlertsController</name>
    <message>
        <location filename="../../ui/screens/alerts/controller.py" line="36" />
        <source>Pri&amp;vacy alerts</source>
        <translation>隐私警报(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/alerts/controller.py" line="73" />
        <source>Fetching the alerts…</source>
        <translation>正在获取警报…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/alerts/controller.py" line="83" />
        <source>%1 alert(s), %2 unread.</source>
        <translation>共 %1 条警报，%2 条未读。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/alerts/controller.py" line="102" />
        <source>The alerts are on the server, which cannot be reached now.</source>
        <translation>警报保存在服务器上，目前无法连接服务器。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/alerts/controller.py" line="104" />
        <source>The server refused: %1</source>
        <translation>服务器拒绝：%1</translation>
    </message>
</context>
<context>
    <name>AlertsView</name>
    <message>
        <location filename="../../ui/screens/alerts/view.py" line="42" />
        <source>&lt;b&gt;Break-the-glass alerts&lt;/b&gt; — Enter marks the chosen alert read, F5 reloads</source>
        <translation>&lt;b&gt;紧急授权（破窗）警报&lt;/b&gt; — Enter 标记所选警报为已读，F5 刷新</translation>
    </message>
    <message>
        <location filename="../../ui/screens/alerts/view.py" line="46" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/screens/alerts/view.py" line="46" />
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../ui/screens/alerts/view.py" line="46" />
        <source>MRN</source>
        <translation>住院号</translation>
    </message>
    <message>
        <location filename="../../ui/screens/alerts/view.py" line="46" />
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <location filename="../../ui/screens/alerts/view.py" line="46" />
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../ui/screens/alerts/view.py" line="47" />
        <source>Minutes</source>
        <translation>分钟数</translation>
    </message>
    <message>
        <location filename="../../ui/screens/alerts/view.py" line="47" />
        <source>Read by</source>
        <translation>阅读人</translation>
    </message>
    <message>
        <location filename="../../ui/screens/alerts/view.py" line="47" />
        <source>Read at</source>
        <translation>阅读时间</translation>
    </message>
    <message>
        <location filename="../../ui/screens/alerts/view.py" line="46" />
        <source>Record no.</source>
        <translation>病案号</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="69" />
        <source>Starting Clinical Workstation…</source>
        <translation>正在启动临床工作站…</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="72" />
        <source>Clinical Workstation</source>
        <translation>临床工作站</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="117" />
        <source>Local data cannot be opened</source>
        <translation>无法打开本地数据</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="118" />
        <source>The workstation cannot open its encrypted local data, and has not changed it.</source>
        <translation>工作站无法打开加密的本地数据，数据未被改动。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="123" />
        <source>The workstation could not start</source>
        <translation>工作站无法启动</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="124" />
        <source>Starting the workstation failed.</source>
        <translation>工作站启动失败。</translation>
    </message>
</context>
<context>
    <name>AttentionController</name>
    <message>
        <location filename="../../ui/screens/attention/controller.py" line="88" />
        <source>Only its author can void or amend this change.</source>
        <translation>只有其作者可以作废或修改此项更改。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attention/controller.py" line="96" />
        <source>Write why this change is voided first.</source>
        <translation>请先填写作废原因。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attention/controller.py" line="123" />
        <source>The amended text is not valid: %1</source>
        <translation>修改后的内容无效：%1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attention/controller.py" line="132" />
        <source>Done.</source>
        <translation>已完成。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attention/controller.py" line="138" />
        <source>Not done: %1</source>
        <translation>未完成：%1</translation>
    </message>
</context>
<context>
    <name>AttentionDetails</name>
    <message>
        <location filename="../../ui/screens/attention/controller.py" line="20" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attention/controller.py" line="20" />
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attention/controller.py" line="20" />
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attention/controller.py" line="20" />
        <source>Ward</source>
        <translation>病区</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attention/controller.py" line="20" />
        <source>Bed</source>
        <translation>床号</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attention/controller.py" line="20" />
        <source>Acuity</source>
        <translation>病情</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attention/controller.py" line="20" />
        <source>Weight kg</source>
        <translation>体重 kg</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attention/controller.py" line="20" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attention/controller.py" line="20" />
        <source>Discharged</source>
        <translation>出院时间</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attention/controller.py" line="20" />
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attention/controller.py" line="20" />
        <source>changed by someone else since it was read (your version %1, the server's %2)</source>
        <translation>读取后已被他人修改（您的版本 %1，服务器版本 %2）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attention/controller.py" line="20" />
        <source>Refused because</source>
        <translation>拒收原因</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attention/controller.py" line="20" />
        <source>The server has now</source>
        <translation>服务器现有记录</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attention/controller.py" line="20" />
        <source>You sent</source>
        <translation>您发送的</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attention/controller.py" line="20" />
        <source>Server now</source>
        <translation>服务器现有</translation>
    </message>
    <message>
        <source>Version read</source>
        <translation>读取时的版本</translation>
    </message>
</context>
<context>
    <name>AttentionView</name>
    <message>
        <location filename="../../ui/screens/attention/view.py" line="37" />
        <source>Needs attention</source>
        <translation>待处理</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attention/view.py" line="41" />
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attention/view.py" line="41" />
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attention/view.py" line="41" />
        <source>Recorded</source>
        <translation>记录时间</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attention/view.py" line="41" />
        <source>Refused because</source>
        <translation>拒收原因</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attention/view.py" line="51" />
        <source>&amp;Void with this reason</source>
        <translation>按此原因作废(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attention/view.py" line="52" />
        <source>&amp;Amend…</source>
        <translation>修改(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attention/view.py" line="55" />
        <source>Send amended (Ctrl+Enter)</source>
        <translation>发送修改 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attention/view.py" line="72" />
        <source>&amp;Reason to void</source>
        <translation>作废原因(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attention/view.py" line="95" />
        <source>%1 change(s) were refused by the server. Each stays here until its author voids it with a reason or sends an amended version.</source>
        <translation>服务器拒收了 %1 项更改。每项都保留在此，直到其作者填写原因作废或发送修改后的版本。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attention/view.py" line="97" />
        <source>Nothing needs attention.</source>
        <translation>没有待处理的项目。</translation>
    </message>
</context>
<context>
    <name>BreakGlassDesk</name>
    <message>
        <location filename="../../ui/screens/break_glass/controller.py" line="38" />
        <source>Break the &amp;glass (another ward's patient)…</source>
        <translation>紧急授权（其他病区患者）(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/break_glass/controller.py" line="59" />
        <source>Asking the server to open %1…</source>
        <translation>正在请求服务器打开 %1…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/break_glass/controller.py" line="73" />
        <source>Break-the-glass needs the server, which cannot be reached now. Try again when the status bar says online.</source>
        <translation>紧急授权需要连接服务器，目前无法连接。请在状态栏显示在线后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/break_glass/controller.py" line="76" />
        <source>No patient has that MRN.</source>
        <translation>没有该住院号的患者。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/break_glass/controller.py" line="78" />
        <source>The server refused: %1</source>
        <translation>服务器拒绝：%1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/break_glass/controller.py" line="80" />
        <source>Break-the-glass failed: %1</source>
        <translation>紧急授权失败：%1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/break_glass/controller.py" line="76" />
        <source>No patient has that record number.</source>
        <translation>没有该病案号的患者。</translation>
    </message>
</context>
<context>
    <name>BreakGlassDialog</name>
    <message>
        <location filename="../../ui/screens/break_glass/dialog.py" line="37" />
        <source>Break the glass</source>
        <translation>紧急授权（破窗）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/break_glass/dialog.py" line="40" />
        <source>Why you must see this patient now (a few words)</source>
        <translation>现在必须查看该患者的理由（请写几句话）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/break_glass/dialog.py" line="43" />
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../ui/screens/break_glass/dialog.py" line="46" />
        <source>Opening another ward's patient is recorded with your name and reason, and the privacy officer is alerted.</source>
        <translation>打开其他病区的患者会记录您的姓名和理由，并通知隐私专员。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/break_glass/dialog.py" line="56" />
        <source>M&amp;RN</source>
        <translation>住院号(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/break_glass/dialog.py" line="57" />
        <source>R&amp;eason</source>
        <translation>理由(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/break_glass/dialog.py" line="58" />
        <source>&amp;Minutes</source>
        <translation>分钟数(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/break_glass/dialog.py" line="79" />
        <source>Give the MRN and a reason of a few words.</source>
        <translation>请填写住院号和几句话的理由。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/break_glass/dialog.py" line="56" />
        <source>&amp;Record number</source>
        <translation>病案号(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/break_glass/dialog.py" line="79" />
        <source>Give the record number and a reason of a few words.</source>
        <translation>请填写病案号和几句话的理由。</translation>
    </message>
</context>
<context>
    <name>CensusController</name>
    <message>
        <location filename="../../ui/screens/census/controller.py" line="58" />
        <source>Ward census</source>
        <translation>病区患者一览</translation>
    </message>
    <message>
        <location filename="../../ui/screens/census/controller.py" line="92" />
        <source>Search results: %1</source>
        <translation>搜索结果：%1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/census/controller.py" line="94" />
        <source>No patient matches “%1”.</source>
        <translation>没有与“%1”匹配的患者。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/census/controller.py" line="103" />
        <source>all wards</source>
        <translation>全部病区</translation>
    </message>
    <message>
        <location filename="../../ui/screens/census/controller.py" line="107" />
        <source>Ward %1 · %2 patients</source>
        <translation>病区 %1 · %2 位患者</translation>
    </message>
    <message>
        <location filename="../../ui/screens/census/controller.py" line="110" />
        <source>No patients on this ward yet (sync pending?).</source>
        <translation>本病区暂无患者（可能尚未同步）。</translation>
    </message>
</context>
<context>
    <name>CensusModel</name>
    <message>
        <location filename="../../ui/screens/census/model.py" line="59" />
        <source>Bed</source>
        <translation>床号</translation>
    </message>
    <message>
        <location filename="../../ui/screens/census/model.py" line="60" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/screens/census/model.py" line="61" />
        <source>Sex/age</source>
        <translation>性别/年龄</translation>
    </message>
    <message>
        <location filename="../../ui/screens/census/model.py" line="62" />
        <source>Alerts</source>
        <translation>警示</translation>
    </message>
    <message>
        <location filename="../../ui/screens/census/model.py" line="63" />
        <source>Notes due</source>
        <translation>待写病历</translation>
    </message>
    <message>
        <location filename="../../ui/screens/census/model.py" line="96" />
        <source>(discharged)</source>
        <translation>（已出院）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/census/model.py" line="110" />
        <source>allergies</source>
        <translation>过敏</translation>
    </message>
    <message>
        <location filename="../../ui/screens/census/model.py" line="25" />
        <source>Care level</source>
        <translation>护理级别</translation>
    </message>
    <message>
        <source>NEWS2</source>
        <translation>NEWS2</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>住院天数</translation>
    </message>
    <message>
        <source>Attending</source>
        <translation>主治医师</translation>
    </message>
    <message>
        <source>Diagnosis</source>
        <translation>诊断</translation>
    </message>
    <message>
        <source>Latest vitals %1</source>
        <translation>最近一次生命体征 %1</translation>
    </message>
    <message>
        <source>Sort: click or Alt+%1 (again: reverse)</source>
        <translation>排序：单击或按 Alt+%1（再按一次倒序）</translation>
    </message>
</context>
<context>
    <name>CensusView</name>
    <message>
        <location filename="../../ui/screens/census/view.py" line="53" />
        <source>Ward census</source>
        <translation>病区患者一览</translation>
    </message>
    <message>
        <location filename="../../ui/screens/census/view.py" line="54" />
        <source>Find patient: MRN, name or pinyin (Ctrl+F)</source>
        <translation>查找患者：住院号、姓名或拼音（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/census/view.py" line="54" />
        <source>Find patient: record no., name or pinyin (Ctrl+F)</source>
        <translation>查找患者：住院号、姓名或拼音（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/census/view.py" line="54" />
        <source>Find patient: bed, MRN, name or pinyin (Ctrl+F)</source>
        <translation>查找患者：床号、住院号、姓名或拼音（Ctrl+F）</translation>
    </message>
</context>
<context>
    <name>ChartColumns</name>
    <message>
        <location filename="../../ui/screens/chart/columns.py" line="48" />
        <source>Placed</source>
        <translation>开立时间</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/columns.py" line="51" />
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/columns.py" line="53" />
        <source>Order</source>
        <translation>医嘱</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/columns.py" line="56" />
        <source>Dose</source>
        <translation>剂量</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/columns.py" line="57" />
        <source>Route</source>
        <translation>途径</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/columns.py" line="59" />
        <source>Frequency</source>
        <translation>频次</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/columns.py" line="63" />
        <location filename="../../ui/screens/chart/columns.py" line="137" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/columns.py" line="74" />
        <source>Resulted</source>
        <translation>报告时间</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/columns.py" line="77" />
        <source>Test</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/columns.py" line="79" />
        <source>Value</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/columns.py" line="83" />
        <source>Reference</source>
        <translation>参考范围</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/columns.py" line="85" />
        <source>Flag</source>
        <translation>标志</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/columns.py" line="96" />
        <source>Taken</source>
        <translation>测量时间</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/columns.py" line="99" />
        <source>Temp °C</source>
        <translation>体温 °C</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/columns.py" line="103" />
        <source>Pulse</source>
        <translation>脉搏</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/columns.py" line="107" />
        <source>Resp</source>
        <translation>呼吸</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/columns.py" line="109" />
        <source>BP mmHg</source>
        <translation>血压 mmHg</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/columns.py" line="111" />
        <source>SpO₂ %</source>
        <translation>血氧 %</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/columns.py" line="115" />
        <source>O₂</source>
        <translation>吸氧</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/columns.py" line="117" />
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/columns.py" line="120" />
        <source>AVPU</source>
        <translation>意识</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/columns.py" line="122" />
        <source>Pain</source>
        <translation>疼痛</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/columns.py" line="126" />
        <source>Weight kg</source>
        <translation>体重 kg</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/columns.py" line="135" />
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/columns.py" line="136" />
        <source>ICD-10</source>
        <translation>ICD-10</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/columns.py" line="139" />
        <location filename="../../ui/screens/chart/columns.py" line="158" />
        <source>Recorded</source>
        <translation>记录时间</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/columns.py" line="149" />
        <source>Substance</source>
        <translation>过敏原</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/columns.py" line="153" />
        <source>Reaction</source>
        <translation>反应</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/columns.py" line="155" />
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
</context>
<context>
    <name>ChartController</name>
    <message>
        <location filename="../../ui/screens/chart/controller.py" line="71" />
        <source>This patient is not in the local data.</source>
        <translation>本地数据中没有该患者。</translation>
    </message>
</context>
<context>
    <name>ChartDocuments</name>
    <message>
        <location filename="../../ui/screens/chart/documents.py" line="18" />
        <source>none recorded</source>
        <translation>无记录</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/documents.py" line="46" />
        <source>Diagnosis</source>
        <translation>诊断</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/documents.py" line="50" />
        <source>Needs review</source>
        <translation>待复核</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/documents.py" line="52" />
        <source>Active problems</source>
        <translation>当前问题</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/documents.py" line="53" />
        <source>Allergies</source>
        <translation>过敏</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/documents.py" line="54" />
        <source>Medications in force</source>
        <translation>在用药物</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/documents.py" line="56" />
        <source>Latest vitals</source>
        <translation>最近生命体征</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/documents.py" line="59" />
        <source>Abnormal results</source>
        <translation>异常检验结果</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/documents.py" line="69" />
        <source>T</source>
        <translation>体温</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/documents.py" line="70" />
        <source>P</source>
        <translation>脉搏</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/documents.py" line="71" />
        <source>R</source>
        <translation>呼吸</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/documents.py" line="73" />
        <source>BP</source>
        <translation>血压</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/documents.py" line="77" />
        <source>SpO₂</source>
        <translation>血氧</translation>
    </message>
    <message>
        <source>Fall and pressure-injury risk</source>
        <translation>跌倒与压力性损伤风险</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/documents.py" line="35" />
        <source>… and %1 more (Orders tab, Ctrl+3)</source>
        <translation>……另有 %1 条（医嘱页，Ctrl+3）</translation>
    </message>
    <message>
        <source>Admission nursing assessment</source>
        <translation>入院护理评估</translation>
    </message>
</context>
<context>
    <name>ChartView</name>
    <message>
        <location filename="../../ui/screens/chart/view.py" line="53" />
        <source>&amp;Summary</source>
        <translation>概要(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/view.py" line="54" />
        <source>&amp;Notes</source>
        <translation>病程(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/view.py" line="56" />
        <source>&amp;Orders</source>
        <translation>医嘱(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/view.py" line="57" />
        <source>&amp;Results</source>
        <translation>检验(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/view.py" line="58" />
        <source>&amp;Vitals</source>
        <translation>生命体征(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/view.py" line="59" />
        <source>&amp;Problems</source>
        <translation>问题(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/view.py" line="60" />
        <source>&amp;Allergies</source>
        <translation>过敏(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/view.py" line="77" />
        <source>&lt;h2&gt;No patient open&lt;/h2&gt;&lt;p&gt;Choose a patient in the ward census on the left and press Enter, or press &lt;b&gt;Ctrl+F&lt;/b&gt; and type an MRN, a name, or the pinyin initials of a name.&lt;/p&gt;&lt;p&gt;Press &lt;b&gt;F1&lt;/b&gt; for every shortcut.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;未打开患者&lt;/h2&gt;&lt;p&gt;在左侧病区一览中选择患者并按回车键，或按 &lt;b&gt;Ctrl+F&lt;/b&gt; 输入住院号、姓名或姓名拼音首字母。&lt;/p&gt;&lt;p&gt;按 &lt;b&gt;F1&lt;/b&gt; 查看全部快捷键。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/view.py" line="84" />
        <source>&amp;Load older rows</source>
        <translation>加载更早的记录(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/view.py" line="77" />
        <source>&lt;h2&gt;No patient open&lt;/h2&gt;&lt;p&gt;Choose a patient in the ward census on the left and press Enter, or press &lt;b&gt;Ctrl+F&lt;/b&gt; and type a record number, a name, or the pinyin initials of a name.&lt;/p&gt;&lt;p&gt;Press &lt;b&gt;F1&lt;/b&gt; for every shortcut.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;未打开患者&lt;/h2&gt;&lt;p&gt;在左侧病区一览中选择患者并按回车键，或按 &lt;b&gt;Ctrl+F&lt;/b&gt; 输入住院号、姓名或姓名拼音首字母。&lt;/p&gt;&lt;p&gt;按 &lt;b&gt;F1&lt;/b&gt; 查看全部快捷键。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>DemoUsersDialog</name>
    <message>
        <location filename="../../ui/screens/dialogs/demo_users.py" line="27" />
        <source>Demo users</source>
        <translation>演示用户</translation>
    </message>
    <message>
        <location filename="../../ui/screens/dialogs/demo_users.py" line="29" />
        <source>This is a demonstration ward with invented patients. Log in as one of these users. The list is kept in %1</source>
        <translation>这是一个虚构患者的演示病区。请用以下任一用户登录。此列表保存在 %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/dialogs/demo_users.py" line="32" />
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../ui/screens/dialogs/demo_users.py" line="32" />
        <source>Password</source>
        <translation>密码</translation>
    </message>
</context>
<context>
    <name>LoginController</name>
    <message>
        <location filename="../../ui/screens/login/controller.py" line="45" />
        <source>Log in as another user; the previous session will be ended.</source>
        <translation>以其他用户登录；上一位用户的会话将被结束。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/login/controller.py" line="50" />
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/login/controller.py" line="68" />
        <source>Login refused: %1</source>
        <translation>登录被拒绝：%1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/login/controller.py" line="70" />
        <source>Login failed: %1</source>
        <translation>登录失败：%1</translation>
    </message>
</context>
<context>
    <name>LoginView</name>
    <message>
        <location filename="../../ui/screens/login/view.py" line="72" />
        <location filename="../../ui/screens/login/view.py" line="80" />
        <source>Clinical Workstation</source>
        <translation>临床工作站</translation>
    </message>
    <message>
        <location filename="../../ui/screens/login/view.py" line="73" />
        <source>&amp;User name</source>
        <translation>用户名(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/login/view.py" line="74" />
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/login/view.py" line="75" />
        <location filename="../../ui/screens/login/view.py" line="82" />
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../ui/screens/login/view.py" line="76" />
        <source>S&amp;witch user</source>
        <translation>切换用户(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/login/view.py" line="81" />
        <source>Log in with your hospital account.</source>
        <translation>请使用医院账号登录。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/login/view.py" line="92" />
        <source>Workstation locked</source>
        <translation>工作站已锁定</translation>
    </message>
    <message>
        <location filename="../../ui/screens/login/view.py" line="94" />
        <source>Locked by %1. Enter the password to unlock.</source>
        <translation>已由 %1 锁定。请输入密码解锁。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/login/view.py" line="96" />
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
</context>
<context>
    <name>NoteDocuments</name>
    <message>
        <location filename="../../ui/screens/notes/documents.py" line="21" />
        <source>co-signed by %1 at %2</source>
        <translation>%1 于 %2 审签</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notes/documents.py" line="25" />
        <source>co-signature needed</source>
        <translation>需上级医师审签</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notes/documents.py" line="36" />
        <source>voided</source>
        <translation>已作废</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notes/documents.py" line="44" />
        <source>Signed by %1 at %2</source>
        <translation>%1 于 %2 签名</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notes/documents.py" line="60" />
        <source>Addendum by %1 at %2</source>
        <translation>%1 于 %2 补充记录</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notes/documents.py" line="78" />
        <source>OVERDUE %1 (due %2)</source>
        <translation>已超时：%1（应于 %2 前完成）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notes/documents.py" line="84" />
        <source>%1 due by %2</source>
        <translation>%1 应于 %2 前完成</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notes/documents.py" line="89" />
        <source>Notes due: %1</source>
        <translation>待写病历：%1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notes/documents.py" line="102" />
        <source>overdue: %1</source>
        <translation>超时：%1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notes/documents.py" line="103" />
        <source>due: %1</source>
        <translation>待写：%1</translation>
    </message>
</context>
<context>
    <name>NoteTypeDialog</name>
    <message>
        <location filename="../../ui/screens/notes/dialogs.py" line="28" />
        <source>New note</source>
        <translation>新建病历</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notes/dialogs.py" line="44" />
        <source>Which note? Type its number or press Enter.</source>
        <translation>写哪种病历？输入编号或按回车。</translation>
    </message>
</context>
<context>
    <name>NotesController</name>
    <message>
        <location filename="../../ui/screens/notes/controller.py" line="92" />
        <source>Drafts: %1 — Ctrl+N to continue</source>
        <translation>草稿：%1 — 按 Ctrl+N 继续</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notes/controller.py" line="135" />
        <source> (draft)</source>
        <translation>（草稿）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notes/controller.py" line="182" />
        <source>Draft kept on this computer.</source>
        <translation>草稿已保存在本机。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notes/controller.py" line="194" />
        <source>Draft discarded.</source>
        <translation>草稿已丢弃。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notes/controller.py" line="211" />
        <source>Fill every *** blank before signing (F2 goes to the next one).</source>
        <translation>签名前请填写所有 *** 空白处（F2 跳到下一处）。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notes/controller.py" line="224" />
        <source>Note signed and saved on this computer.</source>
        <translation>病历已签名并保存在本机。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notes/controller.py" line="231" />
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notes/controller.py" line="244" />
        <source>Addendum saved.</source>
        <translation>补充记录已保存。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notes/controller.py" line="257" />
        <source>Co-signed.</source>
        <translation>已审签。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notes/controller.py" line="263" />
        <source>This note needs no co-signature.</source>
        <translation>此病历无需上级审签。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notes/controller.py" line="265" />
        <source>Only a licensed physician can co-sign.</source>
        <translation>只有具有执业资格的医师才能审签。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notes/controller.py" line="267" />
        <source>The author cannot co-sign their own note.</source>
        <translation>作者不能审签自己的病历。</translation>
    </message>
</context>
<context>
    <name>NotesView</name>
    <message>
        <location filename="../../ui/screens/notes/view.py" line="105" />
        <source>New note (Ctrl+N)</source>
        <translation>新建病历 (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notes/view.py" line="106" />
        <source>Addendum (Ctrl+Shift+N)</source>
        <translation>补充记录 (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notes/view.py" line="107" />
        <source>Co-sign (Ctrl+Shift+C)</source>
        <translation>审签 (Ctrl+Shift+C)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notes/view.py" line="108" />
        <source>Sign (Ctrl+Enter)</source>
        <translation>签名 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notes/view.py" line="109" />
        <source>Keep as draft (Esc)</source>
        <translation>存为草稿 (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notes/view.py" line="110" />
        <source>Discard draft</source>
        <translation>丢弃草稿</translation>
    </message>
    <message>
        <location filename="../../ui/screens/notes/view.py" line="112" />
        <source>F2: next *** blank · Shift+F2: previous · .vitals .meds .allergies .problems .labs then Space: fill from the chart · Ctrl+Enter: sign · Esc: keep as draft</source>
        <translation>F2：下一个 *** 空白 · Shift+F2：上一个 · 输入 .vitals .meds .allergies .problems .labs 后按空格：从病历中填入 · Ctrl+Enter：签名 · Esc：存为草稿</translation>
    </message>
</context>
<context>
    <name>PaletteController</name>
    <message>
        <location filename="../../ui/screens/palette/controller.py" line="123" />
        <source>Bed %1</source>
        <translation>%1床</translation>
    </message>
    <message>
        <location filename="../../ui/screens/palette/controller.py" line="124" />
        <source>discharged</source>
        <translation>已出院</translation>
    </message>
    <message>
        <location filename="../../ui/screens/palette/controller.py" line="125" />
        <source>Patient:</source>
        <translation>患者：</translation>
    </message>
</context>
<context>
    <name>PaletteView</name>
    <message>
        <location filename="../../ui/screens/palette/view.py" line="30" />
        <source>Command palette</source>
        <translation>命令面板</translation>
    </message>
    <message>
        <location filename="../../ui/screens/palette/view.py" line="33" />
        <source>Action, or patient by bed, MRN, name or pinyin initials</source>
        <translation>操作，或按床号、住院号、姓名、拼音首字母找患者</translation>
    </message>
    <message>
        <location filename="../../ui/screens/palette/view.py" line="38" />
        <source>↑↓ choose · Enter run or open · Esc close</source>
        <translation>↑↓ 选择 · 回车 执行或打开 · Esc 关闭</translation>
    </message>
    <message>
        <location filename="../../ui/screens/palette/view.py" line="33" />
        <source>Action, or patient by bed, record number, name or pinyin initials</source>
        <translation>操作，或按床号、病历号、姓名、拼音首字母找患者</translation>
    </message>
</context>
<context>
    <name>PatientBanner</name>
    <message>
        <location filename="../../ui/screens/chart/banner.py" line="113" />
        <source>Break-the-glass until %1 (ward clock) — %2</source>
        <translation>紧急授权至 %1（病区时间）— %2</translation>
    </message>
    <message>
        <source>NEWS2 %1 at the last vitals: urgent review</source>
        <translation>最近一次生命体征 NEWS2 %1：需紧急评估</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/banner.py" line="39" />
        <source>No patient open</source>
        <translation>未打开患者</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/banner.py" line="54" />
        <source>MRN %1</source>
        <translation>住院号 %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/banner.py" line="55" />
        <source>Ward %1 bed %2</source>
        <translation>%1 %2 床</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/banner.py" line="56" />
        <source>Weight %1 kg</source>
        <translation>体重 %1 kg</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/banner.py" line="56" />
        <source>Weight not recorded</source>
        <translation>体重未记录</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/banner.py" line="67" />
        <source>%1 unsent change(s) need attention (Ctrl+Shift+A)</source>
        <translation>%1 项未发送的更改待处理 (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/banner.py" line="80" />
        <source>Allergies: none recorded</source>
        <translation>过敏：无记录</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/banner.py" line="82" />
        <source>Allergies: %1</source>
        <translation>过敏：%1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/banner.py" line="89" />
        <source>discharged</source>
        <translation>已出院</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/banner.py" line="91" />
        <source>temporary MRN</source>
        <translation>临时住院号</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/banner.py" line="93" />
        <source>%1 item(s) need review</source>
        <translation>%1 项待复核</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/banner.py" line="94" />
        <source>Alerts: %1</source>
        <translation>警示：%1</translation>
    </message>
    <message>
        <source>opioid tolerant (recorded by a doctor)</source>
        <translation>阿片类耐受（医师已记录）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/banner.py" line="54" />
        <source>Record no. %1</source>
        <translation>住院号 %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/chart/banner.py" line="91" />
        <source>temporary record number</source>
        <translation>临时住院号</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <location filename="../../ui/screens/settings/view.py" line="55" />
        <source>Only an administrator can change the server or the ward, or lengthen the idle lock (at most %1 min on this computer).</source>
        <translation>只有管理员可以更改服务器或病区，或延长空闲锁定时间（本机最长 %1 分钟）。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings/view.py" line="25" />
        <source>Station settings</source>
        <translation>工作站设置</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings/view.py" line="32" />
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings/view.py" line="39" />
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings/view.py" line="39" />
        <source>High contrast</source>
        <translation>高对比度</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings/view.py" line="39" />
        <source>Large font</source>
        <translation>大字体</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings/view.py" line="43" />
        <source>Server, ward and language take effect when the program is next started.</source>
        <translation>服务器、病区和语言在下次启动程序时生效。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings/view.py" line="46" />
        <source>&amp;Server address</source>
        <translation>服务器地址(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings/view.py" line="47" />
        <source>Station &amp;ward</source>
        <translation>本站病区(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings/view.py" line="48" />
        <source>&amp;Lock after idle</source>
        <translation>闲置后锁定(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings/view.py" line="49" />
        <source>Lan&amp;guage</source>
        <translation>语言(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings/view.py" line="50" />
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
</context>
<context>
    <name>ShellView</name>
    <message>
        <location filename="../../ui/screens/shell/view.py" line="51" />
        <source>&amp;Station</source>
        <translation>工作站(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/view.py" line="51" />
        <source>&amp;Patient</source>
        <translation>患者(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/view.py" line="52" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/view.py" line="52" />
        <source>N&amp;ote</source>
        <translation>病历(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/view.py" line="69" />
        <source>O&amp;rders</source>
        <translation>医嘱(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/view.py" line="53" />
        <source>&amp;Command palette</source>
        <translation>命令面板(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/view.py" line="54" />
        <source>&amp;Find patient</source>
        <translation>查找患者(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/view.py" line="56" />
        <source>Summary</source>
        <translation>概要</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/view.py" line="56" />
        <source>Notes</source>
        <translation>病程</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/view.py" line="56" />
        <source>Orders</source>
        <translation>医嘱</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/view.py" line="56" />
        <source>Results</source>
        <translation>检验</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/view.py" line="56" />
        <source>Vitals</source>
        <translation>生命体征</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/view.py" line="57" />
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/view.py" line="57" />
        <source>Allergies</source>
        <translation>过敏</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/view.py" line="58" />
        <source>&amp;New note</source>
        <translation>新建病历(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/view.py" line="60" />
        <source>&amp;Sign note</source>
        <translation>签名(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/view.py" line="63" />
        <source>&amp;Addendum to the selected note</source>
        <translation>为所选病历添加补充记录(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/view.py" line="66" />
        <source>&amp;Co-sign the selected note</source>
        <translation>审签所选病历(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/view.py" line="68" />
        <source>Needs &amp;attention</source>
        <translation>待处理(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/view.py" line="69" />
        <source>S&amp;ync now</source>
        <translation>立即同步(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/view.py" line="70" />
        <source>&amp;Lock</source>
        <translation>锁定(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/view.py" line="71" />
        <source>Se&amp;ttings…</source>
        <translation>设置(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/view.py" line="72" />
        <source>Log out and &amp;quit</source>
        <translation>注销并退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/view.py" line="73" />
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/view.py" line="74" />
        <source>&amp;Demo users</source>
        <translation>演示用户(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/view.py" line="81" />
        <source>Clinical Workstation</source>
        <translation>临床工作站</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/view.py" line="87" />
        <source>Clinical Workstation — %1</source>
        <translation>临床工作站 — %1</translation>
    </message>
    <message>
        <source>&amp;Hide or show the census</source>
        <translation>隐藏/显示患者一览(&amp;H)</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <location filename="../../ui/shortcuts.py" line="1" />
        <source>Prescribing rights of users (medical affairs office)</source>
        <translation>用户处方权限（医务科）</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="1" />
        <source>Orders: co-sign the selected order, or approve a special-tier antibiotic</source>
        <translation>医嘱：会签所选医嘱，或审批特殊使用级抗菌药物</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="119" />
        <source>Break the glass: another ward's patient (MRN, Tab, reason, Tab, minutes, Enter)</source>
        <translation>紧急授权：其他病区的患者（住院号，Tab，理由，Tab，分钟数，Enter）</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="126" />
        <source>Privacy alerts (privacy officer, admin): Enter marks the alert read, F5 reloads</source>
        <translation>隐私警报（隐私专员、管理员）：Enter 标记为已读，F5 刷新</translation>
    </message>
    <message>
        <source>Archived record: request an unlock from the medical-records office</source>
        <translation>已归档病历：向病案室申请解封</translation>
    </message>
    <message>
        <source>Pharmacy: returns (scan the label, F8 records)</source>
        <translation>药房：退药（扫描标签，F8 记录）</translation>
    </message>
    <message>
        <source>Print what the screen shows (preview: PgUp/PgDn, Ctrl+P print, Ctrl+S save as PDF)</source>
        <translation>打印当前屏幕的内容（预览中：PgUp/PgDn 翻页，Ctrl+P 打印，Ctrl+S 另存为 PDF）</translation>
    </message>
    <message>
        <source>Print preview: zoom in / zoom out / back to page width</source>
        <translation>打印预览：放大 / 缩小 / 回到适合页宽</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="10" />
        <source>Command palette: every action, and patients by bed, MRN, name or pinyin</source>
        <translation>命令面板：所有操作，以及按床号、住院号、姓名或拼音找患者</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="17" />
        <source>Find a patient (MRN, name or pinyin initials)</source>
        <translation>查找患者（住院号、姓名或拼音首字母）</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="19" />
        <source>Open the selected patient</source>
        <translation>打开选中的患者</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="20" />
        <source>From the search box, move into the patient list</source>
        <translation>从搜索框移到患者列表</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="23" />
        <source>Chart tabs: summary, notes, orders, results, vitals, problems, allergies</source>
        <translation>病历标签页：概要、病程、医嘱、检验、生命体征、问题、过敏</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="27" />
        <source>Next chart tab</source>
        <translation>下一个病历标签页</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="28" />
        <source>New note (then 1-5 or Enter to choose its type)</source>
        <translation>新建病历（再按 1-5 或回车选择类型）</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="29" />
        <source>In a note: select the next *** blank</source>
        <translation>病历中：选中下一个 *** 空白</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="30" />
        <source>In a note: select the previous *** blank</source>
        <translation>病历中：选中上一个 *** 空白</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="33" />
        <source>In a note: fill in from the chart</source>
        <translation>病历中：从病历数据填入</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="37" />
        <source>Sign the note (final: later changes are addenda)</source>
        <translation>签名（签名后不可更改，之后只能补充记录）</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="41" />
        <source>Leave the note, keeping it as a draft on this computer</source>
        <translation>离开病历，草稿保存在本机</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="43" />
        <source>Addendum to the selected note</source>
        <translation>为所选病历添加补充记录</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="44" />
        <source>Co-sign the selected trainee's note</source>
        <translation>审签所选下级医师的病历</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="47" />
        <source>Changes refused by the server: void with a reason or amend</source>
        <translation>服务器拒收的更改：填写原因作废或修改</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="51" />
        <source>Lock the workstation</source>
        <translation>锁定工作站</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="52" />
        <source>Sync with the server now</source>
        <translation>立即与服务器同步</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="53" />
        <source>Station settings</source>
        <translation>工作站设置</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="54" />
        <source>This list of shortcuts</source>
        <translation>本快捷键列表</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="55" />
        <source>Log out and quit</source>
        <translation>注销并退出</translation>
    </message>
    <message>
        <source>Notes, Orders, Results, Vitals: load older rows (also by scrolling down)</source>
        <translation>病程、医嘱、检验、生命体征：加载更早的记录（向下滚动亦可）</translation>
    </message>
    <message>
        <source>Morse fall risk / Braden pressure-injury risk (1-4 or arrows choose, Tab next)</source>
        <translation>Morse 跌倒风险 / Braden 压力性损伤风险（按 1-4 或方向键选择，Tab 下一项）</translation>
    </message>
    <message>
        <source>Shift handoff (I-PASS or SBAR from the chart; Ctrl+Enter saves)</source>
        <translation>交接班（按病历生成 I-PASS 或 SBAR；Ctrl+Enter 保存）</translation>
    </message>
    <message>
        <source>Medication closed loop of the order chosen on the MAR or Orders tab</source>
        <translation>给药记录或医嘱页所选医嘱的用药闭环</translation>
    </message>
    <message>
        <source>Ward handoff list (Enter opens the patient's handoff)</source>
        <translation>病区交接班列表（Enter 打开该患者的交接班）</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="45" />
        <source>Orders: type an order sentence (amox 500mg po tid 7d, 血常规, CXR, os pneumonia, n ...)</source>
        <translation>医嘱：输入医嘱语句（amox 500mg po tid 7d、血常规、CXR、os pneumonia、n ...）</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="52" />
        <source>In the order line: add to the basket / take the suggestion / choose a suggestion</source>
        <translation>医嘱输入行中：加入待签列表 / 采用建议 / 选择建议</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="57" />
        <source>Sign every order in the basket</source>
        <translation>签署待签列表中的全部医嘱</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="66" />
        <source>Orders: move between the order line, the basket and the patient's orders</source>
        <translation>医嘱：在输入行、待签列表和患者医嘱之间切换</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="72" />
        <source>In the basket: remove / edit; in the patient's orders: stop (with a reason) / modify</source>
        <translation>待签列表中：移除 / 编辑；患者医嘱中：停止（须填写理由）/ 修改</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="87" />
        <source>Nurse's worklist (Enter opens the patient, Space acknowledges an order)</source>
        <translation>护士工作清单（Enter 打开患者，空格确认医嘱）</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="93" />
        <source>MAR: scan the wristband, then the drug; Enter records the dose</source>
        <translation>给药记录：先扫腕带，再扫药品；Enter 记录给药</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="122" />
        <source>Type a barcode (wristband or drug label) when there is no scanner</source>
        <translation>没有扫码枪时手动输入条码（腕带或药品标签）</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="128" />
        <source>In the MAR: unable to scan, record the chosen dose with a reason</source>
        <translation>给药记录中：无法扫码时，填写理由后记录所选剂次</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="142" />
        <source>Pharmacy: verification queue (V, R, C)</source>
        <translation>药房：审核队列（V、R、C）</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="143" />
        <source>Pharmacy: outpatient counter (F5, scan, F8)</source>
        <translation>药房：门诊发药窗口（F5、扫码、F8）</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="144" />
        <source>Pharmacy: ward dispensing pick list</source>
        <translation>药房：病区发药拣货单</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="145" />
        <source>Pharmacy: stock, alerts and reports</source>
        <translation>药房：库存、预警与报表</translation>
    </message>
    <message>
        <source>Admission nursing assessment (digits choose, Enter or Tab next, Ctrl+Enter saves)</source>
        <translation>入院护理评估（数字键选择，Enter 或 Tab 下一项，Ctrl+Enter 保存）</translation>
    </message>
    <message>
        <source>Receive a ward delivery: scan each item's pharmacy label</source>
        <translation>病区接收药品：逐件扫描药房标签</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="1" />
        <source>In the MAR: record the skin test of the chosen drug, with a second nurse</source>
        <translation>给药记录中：录入所选药物的皮试结果（双人核对）</translation>
    </message>
    <message>
        <source>Record opioid tolerance for the open chart (doctor: basis, Enter)</source>
        <translation>为当前病历记录阿片类耐受（医师：依据，Enter）</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="1" />
        <source>Critical value: a nurse records the receipt (read back), a doctor acknowledges (1-5)</source>
        <translation>危急值：护士记录接收（复述确认），医师确认处理（1-5）</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="1" />
        <source>Nursing level, ordered by a doctor (1 special, 2-4 level 1-3)</source>
        <translation>护理级别，由医师下达（1 特级，2-4 一至三级）</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="1" />
        <source>Nursing round: the nurse has seen the patient now</source>
        <translation>护理巡视：护士已看过患者</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="1" />
        <source>Barthel index (a digit per item, Enter)</source>
        <translation>Barthel 指数（每项一个数字，回车）</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="1" />
        <source>Request a consultation (1 emergency, 2 routine)</source>
        <translation>申请会诊（1 急会诊，2 普通会诊）</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="1" />
        <source>The consultant has arrived</source>
        <translation>会诊医师已到达</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="119" />
        <source>Front sheet (住院病案首页): code, name or pinyin initials, ' 1'-' 4' on admission, Enter adds, Ctrl+Enter saves</source>
        <translation>病案首页：编码、名称或拼音首字母，空格加1-4为入院病情，回车添加，Ctrl+Enter保存</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="126" />
        <source>Report an adverse event from any screen (Alt+N anonymous, Ctrl+Enter reports)</source>
        <translation>在任意界面上报不良事件（Alt+N匿名，Ctrl+Enter上报）</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="133" />
        <source>Ward handover report (交接班报告): Ctrl+Enter signs, or signs for it when receiving</source>
        <translation>病区交接班报告：Ctrl+Enter交班签名，接班时为接班签名</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="119" />
        <source>Break the glass: another ward's patient (record number, Tab, reason, Tab, minutes, Enter)</source>
        <translation>紧急授权：其他病区的患者（病案号，Tab，理由，Tab，分钟数，Enter）</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="10" />
        <source>Command palette: every action, and patients by bed, record number, name or pinyin</source>
        <translation>命令面板：所有操作，以及按床号、病历号、姓名或拼音找患者</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="17" />
        <source>Find a patient (record number, name or pinyin initials)</source>
        <translation>查找患者（住院号、姓名或拼音首字母）</translation>
    </message>
    <message>
        <source>Problem list of the open chart (doctor): ICD-10 by code, name or pinyin, Ctrl+Enter records; Alt+P, arrows, Ctrl+R resolves</source>
        <translation>当前病历的问题列表（医师）：按 ICD-10 编码、名称或拼音查找，Ctrl+Enter 记录；Alt+P、方向键、Ctrl+R 标为已解决</translation>
    </message>
    <message>
        <source>Nursing record (护理记录): Tab next field, Alt+V pull vitals, Ctrl+Enter signs the row, F2 corrects yours</source>
        <translation>护理记录：Tab 下一项，Alt+V 带入生命体征，Ctrl+Enter 签名，F2 更正本人记录</translation>
    </message>
    <message>
        <source>Infusion round: scan the bag (or arrows, Enter), rate, Enter records</source>
        <translation>输液巡视：扫瓶签（或方向键、回车），填滴速，回车记录</translation>
    </message>
    <message>
        <source>Hide or show the census beside the chart</source>
        <translation>隐藏/显示病历旁的患者一览</translation>
    </message>
    <message>
        <source>Census: sort by the 1st…10th column (again: reverse)</source>
        <translation>患者一览：按第1…10列排序（再按一次倒序）</translation>
    </message>
    <message>
        <source>Dashboard (head nurse, department director, medical affairs): F5 reloads, Ctrl+E exports to Excel</source>
        <translation>管理看板（护士长、科主任、医务科）：F5 刷新，Ctrl+E 导出 Excel</translation>
    </message>
    <message>
        <source>In the worklist: your beds by the roster, or the whole ward</source>
        <translation>工作清单中：按排班您负责的床位，或全病区</translation>
    </message>
    <message>
        <source>Nurse roster (排班): Enter assigns nurses and beds, Ctrl+D as the day before, Ctrl+S saves (head nurse)</source>
        <translation>护士排班：回车安排护士及床位，Ctrl+D 同前一天，Ctrl+S 保存（护士长）</translation>
    </message>
    <message>
        <source>Anonymous feedback from any screen (Ctrl+Enter sends; sent later, unnamed)</source>
        <translation>在任何界面写匿名意见（Ctrl+Enter 发送；稍后匿名发出）</translation>
    </message>
    <message>
        <source>Feedback board: what staff said, the answers</source>
        <translation>意见公告板：员工的意见与答复</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../ui/screens/dialogs/shortcuts.py" line="24" />
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../ui/screens/dialogs/shortcuts.py" line="27" />
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <location filename="../../ui/screens/dialogs/shortcuts.py" line="27" />
        <source>Action</source>
        <translation>功能</translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message>
        <location filename="../../ui/screens/shell/statusbar.py" line="24" />
        <source>Open the list (Ctrl+Shift+A)</source>
        <translation>打开列表 (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/statusbar.py" line="39" />
        <source>User: %1</source>
        <translation>用户：%1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/statusbar.py" line="41" />
        <source>Not logged in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/statusbar.py" line="43" />
        <source>Ward: %1</source>
        <translation>病区：%1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/statusbar.py" line="47" />
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/statusbar.py" line="47" />
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/statusbar.py" line="51" />
        <source>Waiting: %1</source>
        <translation>待发送：%1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/statusbar.py" line="53" />
        <source>Needs attention: %1</source>
        <translation>需处理：%1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/statusbar.py" line="57" />
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/statusbar.py" line="58" />
        <source>Last sync: %1</source>
        <translation>上次同步：%1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/statusbar.py" line="60" />
        <source>Clock differs from the server</source>
        <translation>本机时钟与服务器不一致</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/statusbar.py" line="69" />
        <source>Syncing: %1</source>
        <translation>正在同步：%1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/statusbar.py" line="78" />
        <source>sending</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../../ui/screens/shell/statusbar.py" line="79" />
        <source>receiving</source>
        <translation>接收</translation>
    </message>
</context>
<context>
    <name>Terms</name>
    <message>
        <location filename="../../ui/terms.py" line="1" />
        <source>awaiting co-signature</source>
        <translation>待上级医师签名</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="63" />
        <source>privacy officer</source>
        <translation>隐私专员</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="10" />
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="11" />
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="12" />
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="13" />
        <source>critical</source>
        <translation>病危</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="14" />
        <source>serious</source>
        <translation>病重</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="15" />
        <source>stable</source>
        <translation>平稳</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="16" />
        <source>mild</source>
        <translation>轻度</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="17" />
        <source>moderate</source>
        <translation>中度</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="18" />
        <source>severe</source>
        <translation>重度</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="19" />
        <source>active</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="20" />
        <source>resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="21" />
        <source>placed</source>
        <translation>已开立</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="22" />
        <source>verified</source>
        <translation>已审核</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="23" />
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="24" />
        <source>discontinued</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="25" />
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="26" />
        <source>medication</source>
        <translation>药物</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="27" />
        <source>lab</source>
        <translation>检验</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="28" />
        <source>imaging</source>
        <translation>影像</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="29" />
        <source>nursing</source>
        <translation>护理</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="30" />
        <source>given</source>
        <translation>已给药</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="31" />
        <source>held</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="32" />
        <source>refused</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="33" />
        <source>not given</source>
        <translation>未给药</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="34" />
        <source>admission note</source>
        <translation>入院记录</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="35" />
        <source>first progress note</source>
        <translation>首次病程记录</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="36" />
        <source>daily progress note</source>
        <translation>日常病程记录</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="37" />
        <source>ward round note</source>
        <translation>查房记录</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="38" />
        <source>discharge summary</source>
        <translation>出院小结</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="39" />
        <source>nursing note</source>
        <translation>护理记录</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="48" />
        <source>amp</source>
        <translation>支</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="48" />
        <source>bag</source>
        <translation>袋</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="48" />
        <source>bottle</source>
        <translation>瓶</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="48" />
        <source>cap</source>
        <translation>粒</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="48" />
        <source>inhaler</source>
        <translation>支</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="48" />
        <source>pen</source>
        <translation>支</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="48" />
        <source>supp</source>
        <translation>枚</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="48" />
        <source>syringe</source>
        <translation>支</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="48" />
        <source>tab</source>
        <translation>片</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="48" />
        <source>vial</source>
        <translation>瓶</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="40" />
        <source>high</source>
        <translation>偏高</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="41" />
        <source>low</source>
        <translation>偏低</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="42" />
        <source>critically high</source>
        <translation>危急偏高</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="43" />
        <source>critically low</source>
        <translation>危急偏低</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="44" />
        <source>abnormal</source>
        <translation>异常</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="45" />
        <source>physician</source>
        <translation>医师</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="46" />
        <source>nurse</source>
        <translation>护士</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="47" />
        <source>pharmacist</source>
        <translation>药师</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="48" />
        <source>admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="49" />
        <source>trainee physician</source>
        <translation>规培医师</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="50" />
        <source>admission</source>
        <translation>入院</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="51" />
        <source>transfer</source>
        <translation>转床/转科</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="52" />
        <source>patient details change</source>
        <translation>患者信息修改</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="53" />
        <source>discharge</source>
        <translation>出院</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="54" />
        <source>signed note</source>
        <translation>已签名病历</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="55" />
        <source>note addendum</source>
        <translation>病历补充记录</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="56" />
        <source>note co-signature</source>
        <translation>病历审签</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="57" />
        <source>order</source>
        <translation>医嘱</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="58" />
        <source>order discontinued</source>
        <translation>停止医嘱</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="59" />
        <source>medication administration</source>
        <translation>给药记录</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="60" />
        <source>vital signs</source>
        <translation>生命体征</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="61" />
        <source>allergy</source>
        <translation>过敏</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="62" />
        <source>problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="63" />
        <source>void</source>
        <translation>作废</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="91" />
        <source>%1, %2 y</source>
        <translation>%1，%2岁</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="42" />
        <source>consultation note</source>
        <translation>会诊记录</translation>
    </message>
    <message>
        <source>pharmacy store</source>
        <translation>药房药库</translation>
    </message>
    <message>
        <source>problem resolved</source>
        <translation>问题已解决</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1天</translation>
    </message>
    <message>
        <source>head nurse</source>
        <translation>护士长</translation>
    </message>
    <message>
        <source>department director</source>
        <translation>科主任</translation>
    </message>
    <message>
        <source>medical affairs</source>
        <translation>医务科</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
</context>
<context>
    <name>CounterView</name>
    <message>
        <location filename="../../ui/screens/pharmacy/counter_view.py" line="38" />
        <source>Drug</source>
        <translation>药品</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/counter_view.py" line="38" />
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/counter_view.py" line="38" />
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/counter_view.py" line="39" />
        <source>Lot</source>
        <translation>批号</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/counter_view.py" line="39" />
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/counter_view.py" line="42" />
        <source>Scan an item</source>
        <translation>扫描药品</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/counter_view.py" line="45" />
        <source>Call next (F5)</source>
        <translation>叫下一号 (F5)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/counter_view.py" line="46" />
        <source>Hand over (F8)</source>
        <translation>发药 (F8)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/counter_view.py" line="50" />
        <source>Scan</source>
        <translation>扫描</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/counter_view.py" line="51" />
        <source>Counselling</source>
        <translation>用药交代</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/counter_view.py" line="87" />
        <source>Nobody called. F5 calls the next number.</source>
        <translation>尚未叫号。按 F5 叫下一号。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/counter_view.py" line="90" />
        <source>No. %1 · %2 (%3)</source>
        <translation>%1 号 · %2 (%3)</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已发</translation>
    </message>
</context>
<context>
    <name>DemoBarcodesDialog</name>
    <message>
        <location filename="../../ui/screens/worklist/barcodes.py" line="37" />
        <source>Demo barcodes</source>
        <translation>演示条码</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/barcodes.py" line="39" />
        <source>Reading the ward…</source>
        <translation>正在读取病区…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/barcodes.py" line="50" />
        <source>A scanner types the code and Enter. Without a scanner, type (or paste) a code into the “Scan or type a code” box of the worklist or the MAR (Ctrl+B) and press Enter: a wristband opens that patient, a drug label or product code is checked against the due dose.</source>
        <translation>扫描枪会输入条码并回车。没有扫描枪时，在工作清单或给药记录的“扫描或输入条码”框 (Ctrl+B) 中输入（或粘贴）条码并按回车：腕带条码打开该患者，药品标签或包装条码会与应给的剂量核对。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/barcodes.py" line="55" />
        <source>Bed %1</source>
        <translation>%1 床</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/barcodes.py" line="55" />
        <source>Wristband</source>
        <translation>腕带</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/barcodes.py" line="56" />
        <source>(label)</source>
        <translation>(标签)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/barcodes.py" line="56" />
        <source>(product)</source>
        <translation>(药品包装)</translation>
    </message>
</context>
<context>
    <name>FiveRights</name>
    <message>
        <location filename="../../ui/screens/mar/messages.py" line="48" />
        <source>%1, bed %2</source>
        <translation>%1，%2 床</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/messages.py" line="50" />
        <source>another patient</source>
        <translation>另一位患者</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/messages.py" line="52" />
        <source>Wrong patient: this label is for %1. Do not give it to this patient.</source>
        <translation>患者错误：此标签属于 %1。不要给本患者使用。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/messages.py" line="56" />
        <source>This order for %1 was stopped (%2). Do not give it.</source>
        <translation>%1 的这条医嘱已停止 (%2)。不要给药。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/messages.py" line="59" />
        <source>Wrong drug: this label's order is not on this patient's MAR. Do not give it.</source>
        <translation>药品错误：此标签的医嘱不在本患者的给药记录上。不要给药。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/messages.py" line="64" />
        <source>Wrong drug: %1 is not ordered for this patient. Do not give it.</source>
        <translation>药品错误：本患者没有 %1 的医嘱。不要给药。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/messages.py" line="70" />
        <source>Wrong dose: the package holds %1 %2 but %3 %4 is ordered. Check the amount to give.</source>
        <translation>剂量不符：包装内为 %1 %2，医嘱为 %3 %4。请核对给药量。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/messages.py" line="74" />
        <source>Wrong route: the package is for %1 but the order says %2.</source>
        <translation>途径不符：包装用于 %1，医嘱为 %2。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/messages.py" line="78" />
        <source>This is not a drug barcode.</source>
        <translation>这不是药品条码。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/messages.py" line="83" />
        <source>%1 is not verified by pharmacy yet: it cannot be given from the MAR.</source>
        <translation>%1 尚未经药房审核：不能按给药记录给药。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/messages.py" line="87" />
        <source>No dose of %1 is open for this patient now (all recorded).</source>
        <translation>本患者现在没有待给的 %1（均已记录）。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/messages.py" line="91" />
        <source>Too early: this dose is due in %1. Give it now only with a reason.</source>
        <translation>过早：此剂量还有 %1 才到时间。现在给药须说明原因。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/messages.py" line="92" />
        <source>Late: this dose was due %1 ago. Give it now only with a reason.</source>
        <translation>延迟：此剂量已过时 %1。现在给药须说明原因。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/messages.py" line="98" />
        <source>Wrong drug: you scanned %1, but the dose chosen is %2. Do not give it.</source>
        <translation>药品错误：扫描的是 %1，但所选剂量为 %2。不要给药。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/messages.py" line="1" />
        <source>%1: the skin test is POSITIVE. Do not give it.</source>
        <translation>%1：皮试阳性，禁止使用。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/messages.py" line="1" />
        <source>Skin test needed: %1 has no negative skin test on file. Record it first (Ctrl+Shift+T).</source>
        <translation>需要皮试：%1 尚无阴性皮试结果，请先录入（Ctrl+Shift+T）。</translation>
    </message>
</context>
<context>
    <name>Mar</name>
    <message>
        <location filename="../../ui/screens/mar/model.py" line="24" />
        <source>DUE NOW</source>
        <translation>现在应给</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/model.py" line="25" />
        <source>OVERDUE</source>
        <translation>已超时</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/model.py" line="26" />
        <source>coming</source>
        <translation>即将到时</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/model.py" line="27" />
        <source>given</source>
        <translation>已给</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/model.py" line="28" />
        <source>held</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/model.py" line="29" />
        <source>refused</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/model.py" line="30" />
        <source>not given</source>
        <translation>未给</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/model.py" line="31" />
        <source>as needed (PRN)</source>
        <translation>必要时 (PRN)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/model.py" line="32" />
        <source>outside its time window</source>
        <translation>超出给药时间窗</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/model.py" line="33" />
        <source>urgent dose, pharmacy has not verified it yet</source>
        <translation>紧急剂量，药房尚未审核</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/model.py" line="34" />
        <source>NOT VERIFIED by pharmacy — do not give</source>
        <translation>药房未审核 — 不要给药</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/model.py" line="41" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/model.py" line="42" />
        <source>Medication</source>
        <translation>药品</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/model.py" line="43" />
        <source>Dose, route, frequency</source>
        <translation>剂量、途径、频次</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/model.py" line="44" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/model.py" line="131" />
        <source>PRN</source>
        <translation>必要时</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/model.py" line="136" />
        <source>HIGH ALERT</source>
        <translation>高警示</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/model.py" line="1" />
        <source>skin test pending</source>
        <translation>皮试未做</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/model.py" line="1" />
        <source>skin test negative</source>
        <translation>皮试阴性(-)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/model.py" line="1" />
        <source>SKIN TEST POSITIVE</source>
        <translation>皮试阳性(+)</translation>
    </message>
</context>
<context>
    <name>MarController</name>
    <message>
        <location filename="../../ui/screens/mar/controller.py" line="83" />
        <source>Scan the patient's wristband to open their MAR.</source>
        <translation>扫描患者腕带以打开其给药记录。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/controller.py" line="101" />
        <source>bed %1</source>
        <translation>%1 床</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/controller.py" line="104" />
        <source>%1: wristband scanned. Scan the drug label.</source>
        <translation>%1：腕带已扫描。请扫描药品标签。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/controller.py" line="107" />
        <source>%1: scan the wristband before giving a dose (Ctrl+U if it cannot be scanned).</source>
        <translation>%1：给药前请扫描腕带（无法扫描时按 Ctrl+U）。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/controller.py" line="132" />
        <source>This wristband (%1) is not a patient known on this station.</source>
        <translation>此腕带 (%1) 不是本工作站已知的患者。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/controller.py" line="139" />
        <source>Patient identified: %1, bed %2. Now scan the drug.</source>
        <translation>已识别患者：%1，%2 床。请扫描药品。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/controller.py" line="145" />
        <source>Scan the patient's wristband first.</source>
        <translation>请先扫描患者腕带。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/controller.py" line="187" />
        <source>Drug matched, but this patient's wristband was not scanned: scan it, or press Ctrl+U and say why it cannot be.</source>
        <translation>药品已匹配，但未扫描本患者的腕带：请扫描，或按 Ctrl+U 说明无法扫描的原因。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/controller.py" line="196" />
        <source>Right patient, drug, dose, route and time. Press Enter to record it as given.</source>
        <translation>患者、药品、剂量、途径、时间均正确。按回车记录为已给。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/controller.py" line="260" />
        <source>Choose the dose in the grid first (arrow keys), then Ctrl+U.</source>
        <translation>请先在表格中选择剂量（方向键），再按 Ctrl+U。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/controller.py" line="270" />
        <source>Scan a drug, or choose a dose in the grid and press Enter.</source>
        <translation>扫描药品，或在表格中选择剂量后按回车。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/controller.py" line="1" />
        <source>Choose a drug that needs a skin test first.</source>
        <translation>请先选择需要皮试的药物。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/controller.py" line="1" />
        <source>Skin test saved.</source>
        <translation>皮试结果已保存。</translation>
    </message>
</context>
<context>
    <name>MarForm</name>
    <message>
        <location filename="../../ui/screens/mar/payloads.py" line="25" />
        <source>High-alert drug: a second nurse must type their user name and password here.</source>
        <translation>高警示药品：须由第二位护士在此输入用户名和密码。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/payloads.py" line="27" />
        <source>The second nurse must be another person than you.</source>
        <translation>第二位护士必须是您以外的另一个人。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/payloads.py" line="29" />
        <source>A PRN dose needs its indication (why it is given now).</source>
        <translation>必要时 (PRN) 给药须填写指征（现在为何给药）。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/payloads.py" line="31" />
        <source>This dose is outside ±%1 minutes of its time: choose or type a reason.</source>
        <translation>此剂量超出规定时间 ±%1 分钟：请选择或输入原因。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/payloads.py" line="104" />
        <source>Choose or type the reason the dose was not given.</source>
        <translation>请选择或输入未给药的原因。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/payloads.py" line="110" />
        <location filename="../../ui/screens/mar/payloads.py" line="112" />
        <source>Type the dose given as a number.</source>
        <translation>请以数字输入所给剂量。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/recording.py" line="45" />
        <source>Scan the drug label first, or press Ctrl+U and choose why it cannot be scanned.</source>
        <translation>请先扫描药品标签，或按 Ctrl+U 选择无法扫描的原因。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/recording.py" line="50" />
        <source>Scan the patient's wristband first, or press Ctrl+U and choose why it cannot be scanned.</source>
        <translation>请先扫描患者腕带，或按 Ctrl+U 选择无法扫描的原因。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/recording.py" line="55" />
        <source>Choose or type the reason for going ahead despite the warning.</source>
        <translation>请选择或输入不顾警告继续给药的原因。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/recording.py" line="66" />
        <source>Scan a drug, or choose a dose in the grid and press Enter.</source>
        <translation>扫描药品，或在表格中选择剂量后按回车。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/recording.py" line="76" />
        <source>Type the time as HH:MM.</source>
        <translation>请按 HH:MM 格式输入时间。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/recording.py" line="126" />
        <source>Saved: %1. Scan the next drug or wristband.</source>
        <translation>已保存：%1。请扫描下一个药品或腕带。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/recording.py" line="136" />
        <source>Second nurse not accepted: %1. They must have logged in on this computer before.</source>
        <translation>第二位护士未通过：%1。该护士须曾在这台电脑上登录过。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/recording.py" line="145" />
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Allergies not yet documented: record them before this first dose, or type a reason to give it all the same.</source>
        <translation>过敏史尚未记录：请在首剂给药前记录，或填写理由后仍予给药。</translation>
    </message>
</context>
<context>
    <name>MarReasons</name>
    <message>
        <location filename="../../ui/screens/mar/payloads.py" line="36" />
        <source>Nil by mouth before a procedure</source>
        <translation>操作前禁食</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/payloads.py" line="37" />
        <source>Outside the ordered parameter (e.g. pulse, blood pressure)</source>
        <translation>超出医嘱规定的参数（如脉搏、血压）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/payloads.py" line="38" />
        <source>Held on the doctor's instruction</source>
        <translation>遵医嘱暂停</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/payloads.py" line="39" />
        <source>Patient declined</source>
        <translation>患者拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/payloads.py" line="40" />
        <source>Nausea or vomiting</source>
        <translation>恶心或呕吐</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/payloads.py" line="41" />
        <source>Patient off the ward</source>
        <translation>患者不在病区</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/payloads.py" line="42" />
        <source>Drug not available on the ward</source>
        <translation>病区无此药</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/payloads.py" line="43" />
        <source>No venous access</source>
        <translation>无静脉通路</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/payloads.py" line="44" />
        <source>Patient leaving the ward for a test</source>
        <translation>患者离开病区做检查</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/payloads.py" line="45" />
        <source>Drug arrived late from pharmacy</source>
        <translation>药房送药延迟</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/payloads.py" line="46" />
        <source>Emergency on the ward</source>
        <translation>病区有紧急情况</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/payloads.py" line="47" />
        <source>Timed on the doctor's instruction</source>
        <translation>遵医嘱调整时间</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/payloads.py" line="48" />
        <source>Wristband damaged or missing</source>
        <translation>腕带损坏或缺失</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/payloads.py" line="49" />
        <source>Drug barcode unreadable</source>
        <translation>药品条码无法识别</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/payloads.py" line="50" />
        <source>Scanner not working</source>
        <translation>扫描枪故障</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/payloads.py" line="51" />
        <source>Emergency: no time to scan</source>
        <translation>紧急情况：来不及扫描</translation>
    </message>
</context>
<context>
    <name>MarView</name>
    <message>
        <location filename="../../ui/screens/mar/view.py" line="46" />
        <source>Scan or type a code (wristband, drug label), then Enter — Ctrl+B</source>
        <translation>扫描或输入条码（腕带、药品标签）后回车 — Ctrl+B</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/view.py" line="58" />
        <source>Record the dose</source>
        <translation>记录给药</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/view.py" line="61" />
        <source>Given</source>
        <translation>已给</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/view.py" line="61" />
        <source>Held</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/view.py" line="61" />
        <source>Refused</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/view.py" line="62" />
        <source>Not given</source>
        <translation>未给</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/view.py" line="67" />
        <source>e.g. left upper arm</source>
        <translation>例如：左上臂</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/view.py" line="75" />
        <source>&amp;Record (Enter)</source>
        <translation>记录(&amp;R) (回车)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/view.py" line="77" />
        <source>&amp;Unable to scan… (Ctrl+U)</source>
        <translation>无法扫描(&amp;U)… (Ctrl+U)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/view.py" line="83" />
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/view.py" line="84" />
        <source>Dose</source>
        <translation>剂量</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/view.py" line="85" />
        <source>Route</source>
        <translation>途径</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/view.py" line="86" />
        <source>Site</source>
        <translation>部位</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/view.py" line="87" />
        <source>Time (HH:MM)</source>
        <translation>时间 (HH:MM)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/view.py" line="88" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/view.py" line="90" />
        <source>PRN indication</source>
        <translation>必要时给药指征</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/view.py" line="92" />
        <source>Unable to scan because</source>
        <translation>无法扫描的原因</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/view.py" line="101" />
        <source>Second nurse</source>
        <translation>第二位护士</translation>
    </message>
    <message>
        <source>Second nurse's user name</source>
        <translation>第二名护士用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
</context>
<context>
    <name>NurseStation</name>
    <message>
        <location filename="../../ui/screens/worklist/station.py" line="34" />
        <source>&amp;MAR</source>
        <translation>给药记录(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/station.py" line="41" />
        <source>Ward census</source>
        <translation>病区患者</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/station.py" line="42" />
        <source>Nurse's worklist</source>
        <translation>护士工作清单</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/station.py" line="51" />
        <source>M&amp;AR (medication administration)</source>
        <translation>给药记录(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/station.py" line="53" />
        <source>Nurse's &amp;worklist</source>
        <translation>护士工作清单(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/station.py" line="54" />
        <source>Type a &amp;barcode</source>
        <translation>输入条码(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/station.py" line="55" />
        <source>Demo &amp;barcodes</source>
        <translation>演示条码(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/station.py" line="129" />
        <source>That is not a wristband or drug code.</source>
        <translation>这不是腕带或药品条码。</translation>
    </message>
</context>
<context>
    <name>PharmacyController</name>
    <message>
        <source>&amp;Returns</source>
        <translation>退药(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/controller.py" line="1" />
        <source>&amp;Formulary import</source>
        <translation>处方集导入(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/controller.py" line="1" />
        <source>Labels saved: %1</source>
        <translation>标签已保存：%1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/controller.py" line="123" />
        <source>Verified: %1</source>
        <translation>已审核：%1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/controller.py" line="123" />
        <source>Rejected: %1</source>
        <translation>已拒绝：%1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/controller.py" line="124" />
        <source>Change asked: %1</source>
        <translation>已要求修改：%1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/controller.py" line="150" />
        <source>Nobody is waiting.</source>
        <translation>没有人在等候。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/controller.py" line="157" />
        <source>Call a number first (F5).</source>
        <translation>请先叫号 (F5)。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/controller.py" line="162" />
        <source>Dispensed %1 %2, lot %3</source>
        <translation>已发 %1 %2，批号 %3</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/controller.py" line="178" />
        <source>Handed over.</source>
        <translation>已发药。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/controller.py" line="193" />
        <source>Picked: %1</source>
        <translation>已拣：%1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/controller.py" line="204" />
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/controller.py" line="212" />
        <source>Saved %1 and %2</source>
        <translation>已保存 %1 和 %2</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/controller.py" line="216" />
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/controller.py" line="228" />
        <source>Phar&amp;macy</source>
        <translation>药房(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/controller.py" line="230" />
        <source>&amp;Verification queue</source>
        <translation>审核队列(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/controller.py" line="231" />
        <source>Outpatient &amp;counter</source>
        <translation>门诊发药窗口(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/controller.py" line="232" />
        <source>&amp;Ward dispensing</source>
        <translation>病区发药(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/controller.py" line="233" />
        <source>&amp;Stock</source>
        <translation>库存(&amp;S)</translation>
    </message>
</context>
<context>
    <name>PharmacyDetail</name>
    <message>
        <location filename="../../ui/screens/pharmacy/detail.py" line="19" />
        <source>Allergies</source>
        <translation>过敏</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/detail.py" line="19" />
        <source>none recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/detail.py" line="20" />
        <source>Weight</source>
        <translation>体重</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/detail.py" line="21" />
        <source>Renal</source>
        <translation>肾功能</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/detail.py" line="22" />
        <source>Active medicines</source>
        <translation>在用药品</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/detail.py" line="23" />
        <source>Recent labs</source>
        <translation>近期检验</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/detail.py" line="25" />
        <source>Checks</source>
        <translation>审核提示</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/detail.py" line="26" />
        <source>no alert</source>
        <translation>无提示</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/detail.py" line="33" />
        <source>Prescriber's override</source>
        <translation>医生的超越理由</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/detail.py" line="36" />
        <source>Change asked</source>
        <translation>已要求修改</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/detail.py" line="1" />
        <source>Skin test</source>
        <translation>皮试</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/detail.py" line="1" />
        <source>pending — no negative result on file</source>
        <translation>未做——尚无阴性结果</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/detail.py" line="1" />
        <source>negative</source>
        <translation>阴性(-)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/detail.py" line="1" />
        <source>POSITIVE — do not verify</source>
        <translation>阳性(+)——不得审核</translation>
    </message>
    <message>
        <source>Bed %1</source>
        <translation>%1 床</translation>
    </message>
    <message>
        <source>MRN %1</source>
        <translation>住院号 %1</translation>
    </message>
</context>
<context>
    <name>PharmacyView</name>
    <message>
        <source>Returns</source>
        <translation>退药</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/view.py" line="1" />
        <source>Formulary import</source>
        <translation>处方集导入</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/view.py" line="25" />
        <source>Verification</source>
        <translation>医嘱审核</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/view.py" line="26" />
        <source>Ward dispensing</source>
        <translation>病区发药</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/view.py" line="27" />
        <source>Outpatient counter</source>
        <translation>门诊发药窗口</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/view.py" line="28" />
        <source>Stock</source>
        <translation>库存</translation>
    </message>
</context>
<context>
    <name>StockView</name>
    <message>
        <location filename="../../ui/screens/pharmacy/stock_view.py" line="29" />
        <source>Receive</source>
        <translation>入库</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/stock_view.py" line="29" />
        <source>Transfer</source>
        <translation>调拨</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/stock_view.py" line="30" />
        <source>Adjust</source>
        <translation>调整</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/stock_view.py" line="30" />
        <source>Count</source>
        <translation>盘点</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/stock_view.py" line="31" />
        <source>Return</source>
        <translation>退药</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/stock_view.py" line="59" />
        <location filename="../../ui/screens/pharmacy/stock_view.py" line="70" />
        <source>Location</source>
        <translation>库位</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/stock_view.py" line="59" />
        <source>Drug</source>
        <translation>药品</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/stock_view.py" line="59" />
        <location filename="../../ui/screens/pharmacy/stock_view.py" line="69" />
        <source>Lot</source>
        <translation>批号</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/stock_view.py" line="60" />
        <location filename="../../ui/screens/pharmacy/stock_view.py" line="69" />
        <source>Expiry</source>
        <translation>有效期</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/stock_view.py" line="60" />
        <location filename="../../ui/screens/pharmacy/stock_view.py" line="69" />
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/stock_view.py" line="68" />
        <source>Change</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/stock_view.py" line="69" />
        <source>Drug code</source>
        <translation>药品编码</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/stock_view.py" line="70" />
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/stock_view.py" line="70" />
        <source>To location</source>
        <translation>目标库位</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/stock_view.py" line="70" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/stock_view.py" line="74" />
        <source>E&amp;xport to Excel and PDF</source>
        <translation>导出为 Excel 和 PDF(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/stock_view.py" line="78" />
        <source>Alerts</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/stock_view.py" line="106" />
        <source>Expires within %1 days</source>
        <translation>%1 天内过期</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/stock_view.py" line="107" />
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/stock_view.py" line="107" />
        <source>Reconcile</source>
        <translation>需对账</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/stock_view.py" line="108" />
        <source>Low stock</source>
        <translation>库存不足</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/stock_view.py" line="126" />
        <source>%1: dispensed beyond stock, count and reconcile</source>
        <translation>%1：发出超过库存，请盘点对账</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/stock_view.py" line="128" />
        <source>expiry %1, %2 on hand</source>
        <translation>有效期 %1，现存 %2</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/stock_view.py" line="131" />
        <source>%1 usable, minimum %2</source>
        <translation>可用 %1，最低 %2</translation>
    </message>
</context>
<context>
    <name>VerificationView</name>
    <message>
        <location filename="../../ui/screens/pharmacy/verification_view.py" line="35" />
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/verification_view.py" line="35" />
        <source>Placed</source>
        <translation>开立时间</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/verification_view.py" line="36" />
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/verification_view.py" line="36" />
        <source>Order</source>
        <translation>医嘱</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/verification_view.py" line="36" />
        <source>Checks</source>
        <translation>审核提示</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/verification_view.py" line="44" />
        <source>V verify · R reject with a reason · C ask the prescriber to change · Esc cancel</source>
        <translation>V 审核通过 · R 说明原因后拒绝 · C 请医生修改 · Esc 取消</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/verification_view.py" line="83" />
        <source> (changed)</source>
        <translation>（已修改）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/verification_view.py" line="90" />
        <source>No order is waiting for verification.</source>
        <translation>没有待审核的医嘱。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/verification_view.py" line="95" />
        <source>Reason for rejecting, then Enter:</source>
        <translation>拒绝原因，然后回车：</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/verification_view.py" line="96" />
        <source>What should the prescriber change? Then Enter:</source>
        <translation>需要医生修改什么？然后回车：</translation>
    </message>
    <message>
        <source>Allergies not yet documented. Reason to verify all the same, then Enter:</source>
        <translation>过敏史尚未记录。请填写仍予审核的理由，然后按 Enter：</translation>
    </message>
</context>
<context>
    <name>WardPickView</name>
    <message>
        <location filename="../../ui/screens/pharmacy/stock_view.py" line="120" />
        <source>Bed</source>
        <translation>床号</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/stock_view.py" line="120" />
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/stock_view.py" line="120" />
        <source>Order</source>
        <translation>医嘱</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/stock_view.py" line="120" />
        <source>Doses</source>
        <translation>剂数</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/stock_view.py" line="121" />
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/stock_view.py" line="121" />
        <source>Picked</source>
        <translation>已拣</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/stock_view.py" line="122" />
        <source>Scan a label</source>
        <translation>扫描标签</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/stock_view.py" line="125" />
        <source>Ward</source>
        <translation>病区</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/stock_view.py" line="126" />
        <source>Scan</source>
        <translation>扫描</translation>
    </message>
    <message>
        <source>%1 empty ampoule(s) or patch(es) not back</source>
        <translation>空安瓿/废贴 %1 未交回</translation>
    </message>
    <message>
        <source>Print pick &amp;list</source>
        <translation>打印摆药单(&amp;L)</translation>
    </message>
    <message>
        <source>not picked: %1</source>
        <translation>未摆药：%1</translation>
    </message>
    <message>
        <source>%1 done</source>
        <translation>已摆 %1</translation>
    </message>
</context>
<context>
    <name>Worklist</name>
    <message>
        <location filename="../../ui/screens/worklist/model.py" line="1" />
        <source>order awaiting a doctor's co-signature</source>
        <translation>医嘱待上级医师签名</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/model.py" line="27" />
        <source>OVERDUE</source>
        <translation>已超时</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/model.py" line="28" />
        <source>DUE NOW</source>
        <translation>现在应做</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/model.py" line="29" />
        <source>coming</source>
        <translation>即将到时</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/model.py" line="30" />
        <source>NEW</source>
        <translation>新</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/model.py" line="33" />
        <source>New: Space acknowledges it</source>
        <translation>新医嘱：按空格键确认</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/model.py" line="31" />
        <source>ABNORMAL result</source>
        <translation>异常结果</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/model.py" line="35" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/model.py" line="36" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/model.py" line="37" />
        <source>Bed</source>
        <translation>床号</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/model.py" line="38" />
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/model.py" line="39" />
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/model.py" line="43" />
        <source>new order, awaiting pharmacy</source>
        <translation>新医嘱，待药房审核</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/model.py" line="46" />
        <source>new order</source>
        <translation>新医嘱</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/model.py" line="44" />
        <source>new order, verified</source>
        <translation>新医嘱，已审核</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/model.py" line="45" />
        <source>order STOPPED</source>
        <translation>医嘱已停止</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/model.py" line="46" />
        <source>order completed</source>
        <translation>医嘱已完成</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/model.py" line="47" />
        <source>order rejected by pharmacy</source>
        <translation>医嘱被药房拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/model.py" line="63" />
        <source>Give %1 %2</source>
        <translation>给药 %1 %2</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/model.py" line="68" />
        <source>Reassess the effect of the PRN dose (%1)</source>
        <translation>评估必要时给药的效果 (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/model.py" line="76" />
        <source>Vital signs: none recorded yet</source>
        <translation>生命体征：尚无记录</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/model.py" line="77" />
        <source>Vital signs due (last NEWS2 %1)</source>
        <translation>应测生命体征（上次 NEWS2 %1）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/model.py" line="81" />
        <source>escalated to the doctor</source>
        <translation>已上报医生</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/model.py" line="84" />
        <source>Result %1: %2 %3 (%4)</source>
        <translation>结果 %1：%2 %3 (%4)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/model.py" line="1" />
        <source>Nursing round (%1)</source>
        <translation>护理巡视（%1）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/model.py" line="1" />
        <source>Critical value %1 %2: receive it (Ctrl+Shift+K)</source>
        <translation>危急值 %1 %2：请接收（Ctrl+Shift+K）</translation>
    </message>
    <message>
        <source>high-alert medicine</source>
        <translation>高警示药品</translation>
    </message>
</context>
<context>
    <name>WorklistController</name>
    <message>
        <location filename="../../ui/screens/worklist/controller.py" line="48" />
        <source>Nurse's worklist</source>
        <translation>护士工作清单</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/controller.py" line="57" />
        <source>Nurse's worklist: %1 overdue, %2 due now, %3 lines</source>
        <translation>护士工作清单：%1 项超时，%2 项现在应做，共 %3 行</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/controller.py" line="57" />
        <source>Nurse's worklist: %1 overdue, %2 high alert, %3 due now, %4 lines</source>
        <translation>护士工作清单：%1 项超时，%2 项高警示，%3 项现在应做，共 %4 行</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Your beds by the roster: %1 (A: whole ward). </source>
        <translation>按排班您负责的床位：%1（A：全病区）。</translation>
    </message>
    <message>
        <source>Whole ward (A: your beds by the roster). </source>
        <translation>全病区（A：按排班您负责的床位）。</translation>
    </message>
</context>
<context>
    <name>WorklistView</name>
    <message>
        <location filename="../../ui/screens/worklist/view.py" line="52" />
        <source>Scan a wristband to open that patient's MAR. Enter opens the selected line's patient; Space acknowledges a new order.</source>
        <translation>扫描腕带打开该患者的给药记录。回车打开所选行的患者；空格确认新医嘱。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/worklist/view.py" line="56" />
        <source>Scan or type a code (wristband, drug label), then Enter — Ctrl+B</source>
        <translation>扫描或输入条码（腕带、药品标签）后回车 — Ctrl+B</translation>
    </message>
    <message>
        <source>Scan a wristband to open that patient's MAR. Enter opens the selected line's patient; Space acknowledges a new order; A switches between your patients (by the roster) and the whole ward.</source>
        <translation>扫描腕带打开该患者的给药记录。回车打开所选行的患者；空格确认新医嘱；A 在您负责的患者（按排班）与全病区之间切换。</translation>
    </message>
</context>
<context>
    <name>VitalsEntry</name>
    <message>
        <source>Temp</source>
        <translation>体温</translation>
    </message>
    <message>
        <source>Pulse</source>
        <translation>脉搏</translation>
    </message>
    <message>
        <source>Resp</source>
        <translation>呼吸</translation>
    </message>
    <message>
        <source>Systolic</source>
        <translation>收缩压</translation>
    </message>
    <message>
        <source>Diastolic</source>
        <translation>舒张压</translation>
    </message>
    <message>
        <source>SpO₂</source>
        <translation>血氧饱和度</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>体重</translation>
    </message>
    <message>
        <source>Pain</source>
        <translation>疼痛</translation>
    </message>
    <message>
        <source>On O₂</source>
        <translation>吸氧</translation>
    </message>
    <message>
        <source>Oxygen</source>
        <translation>氧疗</translation>
    </message>
    <message>
        <source>ACVPU</source>
        <translation>意识 ACVPU</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>A alert</source>
        <translation>A 清醒</translation>
    </message>
    <message>
        <source>C new confusion</source>
        <translation>C 新发意识混乱</translation>
    </message>
    <message>
        <source>V voice</source>
        <translation>V 对声音有反应</translation>
    </message>
    <message>
        <source>P pain</source>
        <translation>P 对疼痛有反应</translation>
    </message>
    <message>
        <source>U unresponsive</source>
        <translation>U 无反应</translation>
    </message>
    <message>
        <source>NEWS2: —</source>
        <translation>NEWS2：—</translation>
    </message>
    <message>
        <source>NEWS2 %1</source>
        <translation>NEWS2 %1</translation>
    </message>
    <message>
        <source>(%1 of 7 parameters)</source>
        <translation>（7 项中的 %1 项）</translation>
    </message>
    <message>
        <source>Escalate: urgent review by the doctor</source>
        <translation>需上报：请医生紧急评估</translation>
    </message>
    <message>
        <source>Not saved: correct the value.</source>
        <translation>未保存：请更正数值。</translation>
    </message>
    <message>
        <source>%1 is not a number.</source>
        <translation>%1 不是数字。</translation>
    </message>
    <message>
        <source>%1 %2 is not possible: check the reading and type it again.</source>
        <translation>%1 %2 不可能：请核对测量值后重新输入。</translation>
    </message>
    <message>
        <source>Type at least one measurement.</source>
        <translation>请至少输入一项测量值。</translation>
    </message>
    <message>
        <source>Unusual value: %1. Recheck the patient; Enter confirms, Esc goes back.</source>
        <translation>异常值：%1。请复测患者；按 Enter 确认，按 Esc 返回。</translation>
    </message>
    <message>
        <source>Intake: oral</source>
        <translation>入量：口服</translation>
    </message>
    <message>
        <source>Intake: IV</source>
        <translation>入量：静脉</translation>
    </message>
    <message>
        <source>Intake: enteral</source>
        <translation>入量：肠内</translation>
    </message>
    <message>
        <source>Intake: blood</source>
        <translation>入量：输血</translation>
    </message>
    <message>
        <source>Intake: other</source>
        <translation>入量：其他</translation>
    </message>
    <message>
        <source>Output: urine</source>
        <translation>出量：尿</translation>
    </message>
    <message>
        <source>Output: drain</source>
        <translation>出量：引流</translation>
    </message>
    <message>
        <source>Output: vomit</source>
        <translation>出量：呕吐</translation>
    </message>
    <message>
        <source>Output: stool</source>
        <translation>出量：大便</translation>
    </message>
    <message>
        <source>Output: nasogastric</source>
        <translation>出量：胃管</translation>
    </message>
    <message>
        <source>Output: blood loss</source>
        <translation>出量：失血</translation>
    </message>
    <message>
        <source>Output: other</source>
        <translation>出量：其他</translation>
    </message>
    <message>
        <source>Intake/output</source>
        <translation>出入量</translation>
    </message>
    <message>
        <source>Today: nothing recorded</source>
        <translation>今日：无记录</translation>
    </message>
    <message>
        <source>Today: in %1 mL, out %2 mL, balance %3 mL</source>
        <translation>今日：入 %1 mL，出 %2 mL，平衡 %3 mL</translation>
    </message>
    <message>
        <source>Type the volume in mL (0 to 10000).</source>
        <translation>请输入容量 mL（0 至 10000）。</translation>
    </message>
    <message>
        <source>Vital signs saved.</source>
        <translation>生命体征已保存。</translation>
    </message>
    <message>
        <source>Intake/output saved.</source>
        <translation>出入量已保存。</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>身高</translation>
    </message>
</context>
<context>
    <name>Trends</name>
    <message>
        <source>Temp °C</source>
        <translation>体温 °C</translation>
    </message>
    <message>
        <source>Pulse /min</source>
        <translation>脉搏 次/分</translation>
    </message>
    <message>
        <source>Resp /min</source>
        <translation>呼吸 次/分</translation>
    </message>
    <message>
        <source>Systolic mmHg</source>
        <translation>收缩压 mmHg</translation>
    </message>
    <message>
        <source>Diastolic mmHg</source>
        <translation>舒张压 mmHg</translation>
    </message>
    <message>
        <source>SpO₂ %</source>
        <translation>血氧饱和度 %</translation>
    </message>
    <message>
        <source>No vital signs recorded</source>
        <translation>无生命体征记录</translation>
    </message>
    <message>
        <source>Select a result to see its trend</source>
        <translation>选择一项结果以查看其趋势</translation>
    </message>
    <message>
        <source>(high)</source>
        <translation>（偏高）</translation>
    </message>
    <message>
        <source>(low)</source>
        <translation>（偏低）</translation>
    </message>
</context>
<context>
    <name>FormularyImportView</name>
    <message>
        <location filename="../../ui/screens/pharmacy/formulary_view.py" line="1" />
        <source>Type the path of a .csv or .xlsx file</source>
        <translation>输入 .csv 或 .xlsx 文件的路径</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/formulary_view.py" line="1" />
        <source>Drugs (formulary)</source>
        <translation>药品（处方集）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/formulary_view.py" line="1" />
        <source>Interactions</source>
        <translation>相互作用</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/formulary_view.py" line="1" />
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/formulary_view.py" line="1" />
        <source>Check (Enter)</source>
        <translation>检查（回车）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/formulary_view.py" line="1" />
        <source>Publish to every station</source>
        <translation>发布到所有工作站</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/formulary_view.py" line="1" />
        <source>A checked file is published through the server as the next version of the hospital's formulary (or interaction rules): in force on this station at once, on every other station from its next sync. Checking works offline; publishing needs the server.</source>
        <translation>检查通过的文件经服务器发布，成为医院处方集（或相互作用规则）的新版本：本工作站立即生效，其他工作站在下次同步后生效。检查可离线进行；发布需要连接服务器。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/formulary_view.py" line="1" />
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/formulary_view.py" line="1" />
        <source>Contents</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/formulary_view.py" line="1" />
        <source>Formulary file</source>
        <translation>处方集文件</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/formulary_view.py" line="1" />
        <source>Spreadsheets (*.csv *.xlsx)</source>
        <translation>表格文件 (*.csv *.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/formulary_view.py" line="1" />
        <source>%1 rows, no problems. Publish to put them in force on every station.</source>
        <translation>共 %1 行，没有问题。发布后在所有工作站生效。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/formulary_view.py" line="1" />
        <source>%1 bad row(s): nothing will be published. Correct the file and check it again.</source>
        <translation>%1 行有错误：不会发布任何数据。请修改文件后重新检查。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/formulary_view.py" line="1" />
        <source>Row %1 (%2): %3</source>
        <translation>第 %1 行（%2）：%3</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/formulary_view.py" line="1" />
        <source>Published as version %1 (%2 rows): in force on this station now, on every other station from its next sync.</source>
        <translation>已发布为第 %1 版（%2 行）：本工作站立即生效，其他工作站在下次同步后生效。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/formulary_view.py" line="1" />
        <source>The server refused the file: %1 bad row(s); nothing was published.</source>
        <translation>服务器拒绝了该文件：%1 行有错误；未发布任何数据。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/formulary_view.py" line="1" />
        <source>Offline: publishing needs the server. The check above was made on this station; publish again when the server can be reached.</source>
        <translation>离线：发布需要连接服务器。上面的检查已在本工作站完成；服务器恢复连接后请再次发布。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pharmacy/formulary_view.py" line="1" />
        <source>Only a pharmacist or an administrator may publish the formulary.</source>
        <translation>只有药师或管理员可以发布处方集。</translation>
    </message>
</context>
<context>
    <name>PrintingController</name>
    <message>
        <source>Handoff sheet</source>
        <translation>交班单</translation>
    </message>
    <message>
        <source>Order sheets (long-term and temporary)</source>
        <translation>医嘱单（长期与临时）</translation>
    </message>
    <message>
        <source>Prescription</source>
        <translation>处方笺</translation>
    </message>
    <message>
        <source>Medication administration record</source>
        <translation>给药记录单</translation>
    </message>
    <message>
        <source>Temperature chart</source>
        <translation>体温单</translation>
    </message>
    <message>
        <source>Progress notes</source>
        <translation>病程记录</translation>
    </message>
    <message>
        <source>Discharge summary</source>
        <translation>出院小结</translation>
    </message>
    <message>
        <source>Discharge prescription</source>
        <translation>出院带药处方</translation>
    </message>
    <message>
        <source>Medication labels</source>
        <translation>药品标签</translation>
    </message>
    <message>
        <source>Stock report</source>
        <translation>库存报表</translation>
    </message>
    <message>
        <source>&amp;Print this screen…</source>
        <translation>打印本页(&amp;P)…</translation>
    </message>
    <message>
        <source>Print &amp;document</source>
        <translation>打印文书(&amp;D)</translation>
    </message>
    <message>
        <source>Print: %1</source>
        <translation>打印：%1</translation>
    </message>
    <message>
        <source>Build &amp;downtime pack now</source>
        <translation>立即生成停机应急包(&amp;D)</translation>
    </message>
    <message>
        <source>Open a patient to print.</source>
        <translation>请先打开患者再打印。</translation>
    </message>
    <message>
        <source>Not printed: %1</source>
        <translation>未打印：%1</translation>
    </message>
    <message>
        <source>Downtime pack written to %1</source>
        <translation>停机应急包已写入 %1</translation>
    </message>
    <message>
        <source>Downtime pack</source>
        <translation>停机应急包</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <source>PgUp / PgDn: page — Ctrl+= / Ctrl+-: zoom — Ctrl+0: page width — Ctrl+P: print — Ctrl+S: save as PDF — Esc: close</source>
        <translation>PgUp / PgDn：翻页 — Ctrl+= / Ctrl+-：放大 / 缩小 — Ctrl+0：适合页宽 — Ctrl+P：打印 — Ctrl+S：另存为 PDF — Esc：关闭</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>PgUp / PgDn: page — Ctrl+P: print — Ctrl+S: save as PDF — Esc: close</source>
        <translation>PgUp / PgDn：翻页 — Ctrl+P：打印 — Ctrl+S：另存为 PDF — Esc：关闭</translation>
    </message>
</context>
<context>
    <name>ScaleAnswers</name>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>None / bed rest / nurse assist</source>
        <translation>无 / 卧床 / 护士协助</translation>
    </message>
    <message>
        <source>Crutches / cane / walker</source>
        <translation>拐杖 / 手杖 / 助行器</translation>
    </message>
    <message>
        <source>Furniture</source>
        <translation>扶家具行走</translation>
    </message>
    <message>
        <source>Normal / bed rest / wheelchair</source>
        <translation>正常 / 卧床 / 轮椅</translation>
    </message>
    <message>
        <source>Weak</source>
        <translation>虚弱</translation>
    </message>
    <message>
        <source>Impaired</source>
        <translation>受损</translation>
    </message>
    <message>
        <source>Oriented to own ability</source>
        <translation>能正确评估自身能力</translation>
    </message>
    <message>
        <source>Overestimates or forgets limitations</source>
        <translation>高估自身能力或忘记限制</translation>
    </message>
    <message>
        <source>Completely limited</source>
        <translation>完全受限</translation>
    </message>
    <message>
        <source>Very limited</source>
        <translation>非常受限</translation>
    </message>
    <message>
        <source>Slightly limited</source>
        <translation>轻度受限</translation>
    </message>
    <message>
        <source>No impairment</source>
        <translation>未受损</translation>
    </message>
    <message>
        <source>Constantly moist</source>
        <translation>持续潮湿</translation>
    </message>
    <message>
        <source>Very moist</source>
        <translation>非常潮湿</translation>
    </message>
    <message>
        <source>Occasionally moist</source>
        <translation>偶尔潮湿</translation>
    </message>
    <message>
        <source>Rarely moist</source>
        <translation>很少潮湿</translation>
    </message>
    <message>
        <source>Bedfast</source>
        <translation>卧床</translation>
    </message>
    <message>
        <source>Chairfast</source>
        <translation>坐轮椅</translation>
    </message>
    <message>
        <source>Walks occasionally</source>
        <translation>偶尔行走</translation>
    </message>
    <message>
        <source>Walks frequently</source>
        <translation>经常行走</translation>
    </message>
    <message>
        <source>Completely immobile</source>
        <translation>完全不能移动</translation>
    </message>
    <message>
        <source>No limitation</source>
        <translation>不受限</translation>
    </message>
    <message>
        <source>Very poor</source>
        <translation>非常差</translation>
    </message>
    <message>
        <source>Probably inadequate</source>
        <translation>可能不足</translation>
    </message>
    <message>
        <source>Adequate</source>
        <translation>充足</translation>
    </message>
    <message>
        <source>Excellent</source>
        <translation>丰富</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>有问题</translation>
    </message>
    <message>
        <source>Potential problem</source>
        <translation>有潜在问题</translation>
    </message>
    <message>
        <source>No apparent problem</source>
        <translation>无明显问题</translation>
    </message>
</context>
<context>
    <name>ScaleItems</name>
    <message>
        <source>History of falling</source>
        <translation>跌倒史</translation>
    </message>
    <message>
        <source>Secondary diagnosis</source>
        <translation>超过一个医学诊断</translation>
    </message>
    <message>
        <source>Ambulatory aid</source>
        <translation>行走辅助</translation>
    </message>
    <message>
        <source>IV therapy / heparin lock</source>
        <translation>静脉输液/留置针</translation>
    </message>
    <message>
        <source>Gait</source>
        <translation>步态</translation>
    </message>
    <message>
        <source>Mental status</source>
        <translation>精神状态</translation>
    </message>
    <message>
        <source>Sensory perception</source>
        <translation>感知能力</translation>
    </message>
    <message>
        <source>Moisture</source>
        <translation>潮湿程度</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>活动能力</translation>
    </message>
    <message>
        <source>Mobility</source>
        <translation>移动能力</translation>
    </message>
    <message>
        <source>Nutrition</source>
        <translation>营养摄取</translation>
    </message>
    <message>
        <source>Friction and shear</source>
        <translation>摩擦力和剪切力</translation>
    </message>
</context>
<context>
    <name>Assessments</name>
    <message>
        <source>Morse Fall Scale</source>
        <translation>Morse 跌倒风险评估量表</translation>
    </message>
    <message>
        <source>Braden Scale</source>
        <translation>Braden 压力性损伤风险评估量表</translation>
    </message>
    <message>
        <source>low risk</source>
        <translation>低风险</translation>
    </message>
    <message>
        <source>moderate risk</source>
        <translation>中度风险</translation>
    </message>
    <message>
        <source>high risk</source>
        <translation>高风险</translation>
    </message>
    <message>
        <source>very high risk</source>
        <translation>极高风险</translation>
    </message>
    <message>
        <source>mild risk (at risk)</source>
        <translation>轻度风险（有风险）</translation>
    </message>
    <message>
        <source>no risk</source>
        <translation>无风险</translation>
    </message>
    <message>
        <source>Press 1-%1</source>
        <translation>按 1-%1</translation>
    </message>
    <message>
        <source>%1 of %2 items answered</source>
        <translation>已回答 %1/%2 项</translation>
    </message>
    <message>
        <source>Total %1: %2</source>
        <translation>总分 %1：%2</translation>
    </message>
    <message>
        <source>Answer every item first.</source>
        <translation>请先回答每一项。</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Assessed %1</source>
        <translation>评估于 %1</translation>
    </message>
    <message>
        <source>Number keys choose an answer, arrows step, Tab goes to the next item, Ctrl+Enter saves.</source>
        <translation>数字键选择答案，方向键逐项切换，Tab 进入下一项，Ctrl+Enter 保存。</translation>
    </message>
    <message>
        <source>Risk bands (%1):</source>
        <translation>风险分级（%1）：</translation>
    </message>
    <message>
        <source>Total so far %1 (%2 of %3 items answered)</source>
        <translation>目前合计 %1 分（已回答 %2/%3 项）</translation>
    </message>
</context>
<context>
    <name>Handoff</name>
    <message>
        <source>Shift handoff</source>
        <translation>交接班</translation>
    </message>
    <message>
        <source>&amp;Style:</source>
        <translation>格式(&amp;S)：</translation>
    </message>
    <message>
        <source>Loading the chart…</source>
        <translation>正在读取病历…</translation>
    </message>
    <message>
        <source>Last handoff: %1</source>
        <translation>上次交接：%1</translation>
    </message>
    <message>
        <source>Nothing to save yet.</source>
        <translation>还没有可保存的内容。</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Ward handoff</source>
        <translation>病区交接班</translation>
    </message>
    <message>
        <source>Loading the ward…</source>
        <translation>正在读取病区…</translation>
    </message>
    <message>
        <source>Bed</source>
        <translation>床号</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <source>NEWS2 (severity)</source>
        <translation>NEWS2（严重程度）</translation>
    </message>
    <message>
        <source>Last handoff</source>
        <translation>上次交接</translation>
    </message>
    <message>
        <source>First line</source>
        <translation>首行</translation>
    </message>
    <message>
        <source>Enter: the chosen patient's handoff.</source>
        <translation>Enter：打开所选患者的交接班。</translation>
    </message>
</context>
<context>
    <name>ClosedLoop</name>
    <message>
        <source>Signed by the doctor</source>
        <translation>医生已签署</translation>
    </message>
    <message>
        <source>Verified by pharmacy</source>
        <translation>药房已审核</translation>
    </message>
    <message>
        <source>Dispensed</source>
        <translation>已发药</translation>
    </message>
    <message>
        <source>Received on the ward</source>
        <translation>病区已接收</translation>
    </message>
    <message>
        <source>Bedside check</source>
        <translation>床旁核对</translation>
    </message>
    <message>
        <source>Given</source>
        <translation>已给药</translation>
    </message>
    <message>
        <source>Rejected by pharmacy</source>
        <translation>药房已拒绝</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Voided</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退药</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>暂停给药</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>患者拒绝</translation>
    </message>
    <message>
        <source>Not given</source>
        <translation>未给药</translation>
    </message>
    <message>
        <source>Adverse reaction</source>
        <translation>不良反应</translation>
    </message>
    <message>
        <source>Flagged for review</source>
        <translation>标记待复核</translation>
    </message>
    <message>
        <source>Medication closed loop</source>
        <translation>用药闭环</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>执行人</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Not yet: %1</source>
        <translation>尚未完成：%1</translation>
    </message>
    <message>
        <source>Every step of the loop is done.</source>
        <translation>闭环的每个环节均已完成。</translation>
    </message>
    <message>
        <source>Sent to the hospital system</source>
        <translation>已发送至医院系统</translation>
    </message>
    <message>
        <source>Cancel sent to the hospital system</source>
        <translation>已向医院系统发送撤销</translation>
    </message>
    <message>
        <source>Infusion round</source>
        <translation>输液巡视</translation>
    </message>
</context>
<context>
    <name>NursingForms</name>
    <message>
        <location filename="../../ui/screens/assessments/station.py" line="74" />
        <source>%1, bed %2, MRN %3</source>
        <translation>%1，%2 床，住院号 %3</translation>
    </message>
    <message>
        <source>&amp;Morse fall risk</source>
        <translation>Morse 跌倒风险(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Braden pressure-injury risk</source>
        <translation>Braden 压力性损伤风险(&amp;B)</translation>
    </message>
    <message>
        <source>Shift &amp;handoff</source>
        <translation>交接班(&amp;H)</translation>
    </message>
    <message>
        <source>Medication closed &amp;loop</source>
        <translation>用药闭环(&amp;L)</translation>
    </message>
    <message>
        <source>Open a patient first.</source>
        <translation>请先打开一位患者。</translation>
    </message>
    <message>
        <source>Choose a medication order on the MAR or the Orders tab, then Ctrl+T.</source>
        <translation>请在给药记录或医嘱页选择一条用药医嘱，然后按 Ctrl+T。</translation>
    </message>
    <message>
        <source>Assessment saved.</source>
        <translation>评估已保存。</translation>
    </message>
    <message>
        <source>Handoff saved.</source>
        <translation>交接班已保存。</translation>
    </message>
    <message>
        <source>&amp;Ward handoff list</source>
        <translation>病区交接班列表(&amp;W)</translation>
    </message>
    <message>
        <source>Admission &amp;nursing assessment</source>
        <translation>入院护理评估(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Receive ward delivery (scan)</source>
        <translation>病区接收药品（扫码）(&amp;R)</translation>
    </message>
    <message>
        <source>This station has no ward.</source>
        <translation>本工作站未设置病区。</translation>
    </message>
    <message>
        <source>Nursing assessments are recorded by nurses.</source>
        <translation>护理评估由护士记录。</translation>
    </message>
    <message>
        <source>A ward delivery is received by the ward's nurses.</source>
        <translation>病区药品由本病区护士签收。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/assessments/station.py" line="74" />
        <source>%1, bed %2, record no. %3</source>
        <translation>%1，%2 床，住院号 %3</translation>
    </message>
</context>
<context>
    <name>OrderActions</name>
    <message>
        <location filename="../../ui/screens/orders/actions.py" line="1" />
        <source>&amp;Co-sign or approve the selected order</source>
        <translation>会签或审批所选医嘱(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/actions.py" line="53" />
        <source>&amp;Sign all orders in the basket</source>
        <translation>签署待签列表中的全部医嘱(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/actions.py" line="54" />
        <source>S&amp;top the selected order…</source>
        <translation>停止所选医嘱(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/actions.py" line="55" />
        <source>&amp;Modify the selected order</source>
        <translation>修改所选医嘱(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/actions.py" line="56" />
        <source>Order-check stat&amp;istics</source>
        <translation>医嘱核查统计(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/actions.py" line="60" />
        <source>Order set: %1</source>
        <translation>医嘱组套：%1</translation>
    </message>
    <message>
        <source>&amp;Reorganise the order sheet (重整医嘱)…</source>
        <translation>重整医嘱(&amp;R)…</translation>
    </message>
    <message>
        <source>Take a &amp;verbal order in a rescue (口头医嘱)…</source>
        <translation>抢救时接受口头医嘱(&amp;V)…</translation>
    </message>
</context>
<context>
    <name>OrdersController</name>
    <message>
        <location filename="../../ui/screens/orders/controller.py" line="160" />
        <source>Type an order first.</source>
        <translation>请先输入医嘱。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/controller.py" line="179" />
        <source>%1: %2 orders added to the basket; review, then F9 signs.</source>
        <translation>%1：已将 %2 条医嘱加入待签列表；请核对，然后按 F9 签署。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/controller.py" line="204" />
        <source>The basket is empty: nothing to sign.</source>
        <translation>待签列表为空：没有要签署的医嘱。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/controller.py" line="220" />
        <source>Critical alert: a reason is needed to sign</source>
        <translation>严重警示：签署前须填写理由</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/controller.py" line="223" />
        <source>Reason for giving it anyway (Esc: do not sign)</source>
        <translation>仍然使用的理由（Esc：不签署）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/controller.py" line="233" />
        <source>Not signed: a critical alert needs a reason.</source>
        <translation>未签署：严重警示须填写理由。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/controller.py" line="240" />
        <source>%1 order(s) signed and saved on this computer.</source>
        <translation>已签署 %1 条医嘱，并保存在本机。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/controller.py" line="252" />
        <source>Choose an order in the list first (F6, arrows).</source>
        <translation>请先在列表中选择医嘱（F6，方向键）。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/controller.py" line="258" />
        <source>Only an active order can be stopped or modified.</source>
        <translation>只有执行中的医嘱可以停止或修改。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/controller.py" line="268" />
        <source>Stop order</source>
        <translation>停止医嘱</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/controller.py" line="269" />
        <source>Reason for stopping</source>
        <translation>停止理由</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/controller.py" line="299" />
        <source>Modifying an order: change it, Enter, then F9 (the old one is stopped).</source>
        <translation>正在修改医嘱：改好后按 Enter，再按 F9（原医嘱随之停止）。</translation>
    </message>
</context>
<context>
    <name>RuleStatisticsDialog</name>
    <message>
        <location filename="../../ui/screens/orders/dialogs.py" line="63" />
        <source>Order-check statistics</source>
        <translation>医嘱核查统计</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/dialogs.py" line="64" />
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/dialogs.py" line="64" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/dialogs.py" line="64" />
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/dialogs.py" line="64" />
        <source>Fired</source>
        <translation>触发次数</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/dialogs.py" line="65" />
        <source>Overridden</source>
        <translation>超越次数</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/dialogs.py" line="65" />
        <source>Override rate</source>
        <translation>超越率</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/dialogs.py" line="79" />
        <source>No order on this ward has raised an alert yet.</source>
        <translation>本病区尚无医嘱触发警示。</translation>
    </message>
</context>
<context>
    <name>OrderRender</name>
    <message>
        <location filename="../../ui/screens/orders/render.py" line="28" />
        <source>urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>temporary</source>
        <translation>临时</translation>
    </message>
    <message>
        <source>long-term</source>
        <translation>长期</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/render.py" line="37" />
        <source>Enter adds it</source>
        <translation>Enter 加入</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/render.py" line="40" />
        <source>Order set</source>
        <translation>医嘱组套</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/render.py" line="41" />
        <source>orders</source>
        <translation>条医嘱</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/render.py" line="41" />
        <source>Enter adds them all</source>
        <translation>Enter 全部加入</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/render.py" line="44" />
        <source>Enter adds</source>
        <translation>Enter 加入</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/render.py" line="46" />
        <source>Enter adds the order set</source>
        <translation>Enter 加入该组套</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/render.py" line="57" />
        <source>CRITICAL — a reason is needed to sign</source>
        <translation>严重 — 签署前须填写理由</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/render.py" line="58" />
        <source>WARNING</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/render.py" line="58" />
        <source>info</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/render.py" line="72" />
        <source>Critical: reason needed</source>
        <translation>严重：须填写理由</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/render.py" line="72" />
        <source>Critical: overridden</source>
        <translation>严重：已超越</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/render.py" line="78" />
        <source>replaces an order</source>
        <translation>替换原医嘱</translation>
    </message>
    <message>
        <source>discharge medication: %1 %2 for %3 days</source>
        <translation>出院带药：%1 %2，%3 天</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>警告：%1</translation>
    </message>
</context>
<context>
    <name>OrdersView</name>
    <message>
        <location filename="../../ui/screens/orders/view.py" line="42" />
        <source>Order: amox 500mg po tid 7d · 阿莫西林 0.5g 口服 tid 7天 · 血常规 · CXR · os pneumonia · n daily weight</source>
        <translation>医嘱：amox 500mg po tid 7d · 阿莫西林 0.5g 口服 tid 7天 · 血常规 · CXR · os pneumonia · n daily weight</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/view.py" line="46" />
        <source>Enter adds to the basket · Tab takes the highlighted suggestion · F9 signs the basket · F6 moves between line, basket and active orders (Delete stops, Enter modifies) · F8 flips long-term / temporary</source>
        <translation>Enter 加入待签列表 · Tab 采用高亮的建议 · F9 签署待签列表 · F6 在输入行、待签列表和执行中医嘱之间切换（Delete 停止，Enter 修改） · F8 切换长期／临时</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/view.py" line="81" />
        <source>Orders of this patient (newest first)</source>
        <translation>本患者的医嘱（最新在前）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/orders/view.py" line="110" />
        <source>Basket: %n order(s) to sign — F9 signs them all</source>
        <translation>
            <numerusform>待签列表：%n 条医嘱待签署 — F9 全部签署</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/view.py" line="46" />
        <source>Enter adds to the basket · Tab takes the highlighted suggestion · F9 signs the basket · F6 moves between line, basket and active orders (Delete stops, Enter modifies)</source>
        <translation>Enter 加入待签列表 · Tab 采用高亮的建议 · F9 签署待签列表 · F6 在输入行、待签列表和执行中医嘱之间切换（Delete 停止，Enter 修改）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/view.py" line="46" />
        <source>Enter adds to the basket · Tab takes the highlighted suggestion · F9 signs the basket · F6 moves between line, basket and active orders (Delete stops, Enter modifies) · F8 flips long-term / temporary · dc before a sentence with its days: discharge medication</source>
        <translation>Enter 加入待签列表 · Tab 采用高亮的建议 · F9 签署待签列表 · F6 在输入行、待签列表和执行中医嘱之间切换（Delete 停止，Enter 修改） · F8 切换长期／临时 · 医嘱前加 dc（或“带药”）并写明天数：出院带药</translation>
    </message>
</context>
<context>
    <name>CheckTerms</name>
    <message>
        <location filename="../../ui/terms.py" line="68" />
        <source>critical</source>
        <translation>严重</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="69" />
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="70" />
        <source>info</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="71" />
        <source>drug allergy</source>
        <translation>药物过敏</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="72" />
        <source>drug interaction</source>
        <translation>药物相互作用</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="73" />
        <source>therapeutic duplication</source>
        <translation>重复用药</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="74" />
        <source>single dose</source>
        <translation>单次剂量</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="75" />
        <source>daily dose</source>
        <translation>日剂量</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="76" />
        <source>renal function</source>
        <translation>肾功能</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="77" />
        <source>age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="78" />
        <source>pregnancy</source>
        <translation>妊娠</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="79" />
        <source>drug and lab result</source>
        <translation>药物与检验结果</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="80" />
        <source>drug and diagnosis</source>
        <translation>药物与诊断</translation>
    </message>
</context>
<context>
    <name>ReturnsView</name>
    <message>
        <source>Order stopped or changed</source>
        <translation>医嘱停止或更改</translation>
    </message>
    <message>
        <source>Patient discharged or transferred</source>
        <translation>患者出院或转科</translation>
    </message>
    <message>
        <source>Not needed (surplus, as-needed doses unused)</source>
        <translation>不再需要（剩余药品、未用的按需用药）</translation>
    </message>
    <message>
        <source>Dispensing error (wrong item or quantity)</source>
        <translation>调配差错（品种或数量错误）</translation>
    </message>
    <message>
        <source>Damaged or opened pack</source>
        <translation>包装破损或已拆封</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Back into stock</source>
        <translation>退回库存</translation>
    </message>
    <message>
        <source>Quarantine (inspect before any use)</source>
        <translation>隔离待检（检查前不得使用）</translation>
    </message>
    <message>
        <source>Destruction bin (awaiting destruction)</source>
        <translation>待销毁区（等待销毁）</translation>
    </message>
    <message>
        <source>Scan the label of the item brought back</source>
        <translation>扫描退回药品的标签</translation>
    </message>
    <message>
        <source>Record the return (F8)</source>
        <translation>记录退药（F8）</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Dispensed</source>
        <translation>发药记录</translation>
    </message>
    <message>
        <source>Quantity back</source>
        <translation>退回数量</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Goes to</source>
        <translation>去向</translation>
    </message>
    <message>
        <source>%1 · %2, lot %3 · %4 %5 dispensed %6 · %7 still out</source>
        <translation>%1 · %2，批号 %3 · %6 发出 %4 %5 · 尚有 %7 未退</translation>
    </message>
</context>
<context>
    <name>ReturnsController</name>
    <message>
        <source>This is not a pharmacy label: scan the medication label or the dispensing label.</source>
        <translation>这不是药房标签：请扫描用药标签或调配标签。</translation>
    </message>
    <message>
        <source>Nothing dispensed here carries this label.</source>
        <translation>本药房没有与此标签对应的发药记录。</translation>
    </message>
    <message>
        <source>Everything dispensed on this label has already come back.</source>
        <translation>此标签下发出的药品已全部退回。</translation>
    </message>
    <message>
        <source>The quantity must be more than 0 and no more than is still out.</source>
        <translation>数量必须大于 0，且不超过尚未退回的数量。</translation>
    </message>
    <message>
        <source>An outpatient's item has left the hospital: quarantine or destruction, never back into stock.</source>
        <translation>门诊药品已离开医院：只能隔离或销毁，不得退回库存。</translation>
    </message>
    <message>
        <source>Damaged or expired units never go back into stock.</source>
        <translation>破损或过期药品不得退回库存。</translation>
    </message>
    <message>
        <source>This lot has expired: quarantine or destruction only.</source>
        <translation>此批号已过期：只能隔离或销毁。</translation>
    </message>
    <message>
        <source>This dispense is no longer on record here: scan the label again.</source>
        <translation>此发药记录已不存在：请重新扫描标签。</translation>
    </message>
    <message>
        <source>Scan the label of the item brought back first.</source>
        <translation>请先扫描退回药品的标签。</translation>
    </message>
    <message>
        <source>to quarantine</source>
        <translation>进入隔离区</translation>
    </message>
    <message>
        <source>to the destruction bin</source>
        <translation>进入待销毁区</translation>
    </message>
    <message>
        <source>back into stock at %1</source>
        <translation>退回 %1 库存</translation>
    </message>
    <message>
        <source>Returned %1 of lot %2 %3.</source>
        <translation>已退回批号 %2 的 %1，%3。</translation>
    </message>
</context>
<context>
    <name>ArchiveDesk</name>
    <message>
        <source>Request &amp;unlock…</source>
        <translation>申请解封(&amp;U)…</translation>
    </message>
    <message>
        <source>Ar&amp;chive this discharged record…</source>
        <translation>归档此出院病历(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Unlock requests…</source>
        <translation>解封申请(&amp;U)…</translation>
    </message>
    <message>
        <source>Open the archived patient's chart first.</source>
        <translation>请先打开已归档患者的病历。</translation>
    </message>
    <message>
        <source>This record is not locked: no unlock is needed.</source>
        <translation>此病历未锁定，无需解封。</translation>
    </message>
    <message>
        <source>Request unlock</source>
        <translation>申请解封</translation>
    </message>
    <message>
        <source>The record of &lt;b&gt;%1&lt;/b&gt; (MRN %2) is archived. Say what must be changed and why; the medical-records office approves or denies it.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;（住院号 %2）的病历已归档。请说明需修改的内容及原因，由病案室（医务科）批准或驳回。</translation>
    </message>
    <message>
        <source>Reason for the unlock</source>
        <translation>解封原因</translation>
    </message>
    <message>
        <source>Unlock requested; it is sent to the medical-records office with the next sync.</source>
        <translation>已申请解封，将在下次同步时发送至病案室。</translation>
    </message>
    <message>
        <source>Open a discharged patient's chart to archive it.</source>
        <translation>请先打开出院患者的病历再归档。</translation>
    </message>
    <message>
        <source>Archive record</source>
        <translation>病历归档</translation>
    </message>
    <message>
        <source>Archive the record of &lt;b&gt;%1&lt;/b&gt;? It is then locked: a change needs an approved unlock. Type or scan the MRN on the folder to confirm.</source>
        <translation>归档 &lt;b&gt;%1&lt;/b&gt; 的病历？归档后病历锁定，修改需经批准解封。请输入或扫描病案袋上的住院号以确认。</translation>
    </message>
    <message>
        <source>MRN on the folder</source>
        <translation>病案袋上的住院号</translation>
    </message>
    <message>
        <source>Record archived and locked.</source>
        <translation>病历已归档并锁定。</translation>
    </message>
    <message>
        <source>Fetching the requests…</source>
        <translation>正在获取申请…</translation>
    </message>
    <message>
        <source>Deny unlock</source>
        <translation>驳回解封</translation>
    </message>
    <message>
        <source>Deny the unlock of &lt;b&gt;%1&lt;/b&gt;?</source>
        <translation>驳回 &lt;b&gt;%1&lt;/b&gt; 的解封申请？</translation>
    </message>
    <message>
        <source>Reason for the denial</source>
        <translation>驳回原因</translation>
    </message>
    <message>
        <source>Decision recorded and sent.</source>
        <translation>审批结果已记录并发送。</translation>
    </message>
    <message>
        <source>The server cannot be reached: archiving and deciding unlocks need it. Nothing was recorded; try again when it is back.</source>
        <translation>无法连接服务器：归档和解封审批需要服务器。未记录任何内容，请在恢复连接后重试。</translation>
    </message>
    <message>
        <source>Only a discharged patient's record can be archived.</source>
        <translation>只有出院患者的病历才能归档。</translation>
    </message>
    <message>
        <source>That is not this patient's MRN: nothing was archived.</source>
        <translation>该住院号不属于此患者，未归档。</translation>
    </message>
    <message>
        <source>This record is already archived and locked.</source>
        <translation>此病历已归档并锁定。</translation>
    </message>
    <message>
        <source>Someone other than the person who asked must decide an unlock.</source>
        <translation>解封须由申请人以外的人审批。</translation>
    </message>
    <message>
        <source>This request was already decided.</source>
        <translation>此申请已审批。</translation>
    </message>
    <message>
        <source>This request is not on this computer yet: sync first.</source>
        <translation>本机尚无此申请，请先同步。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/archive/controller.py" line="207" />
        <source>The record is not complete, nothing was archived: %1</source>
        <translation>病历不完整，未归档：%1</translation>
    </message>
    <message>
        <source>The record of &lt;b&gt;%1&lt;/b&gt; (record no. %2) is archived. Say what must be changed and why; the medical-records office approves or denies it.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;（病案号 %2）的病历已归档。请说明需修改的内容及原因，由病案室（医务科）批准或驳回。</translation>
    </message>
    <message>
        <source>Archive the record of &lt;b&gt;%1&lt;/b&gt;? It is then locked: a change needs an approved unlock. Type or scan the record number on the folder to confirm.</source>
        <translation>归档 &lt;b&gt;%1&lt;/b&gt; 的病历？归档后病历锁定，修改需经批准解封。请输入或扫描病案袋上的病案号以确认。</translation>
    </message>
    <message>
        <source>Record number on the folder</source>
        <translation>病案袋上的病案号</translation>
    </message>
    <message>
        <source>That is not this patient's record number: nothing was archived.</source>
        <translation>该病案号不属于此患者，未归档。</translation>
    </message>
</context>
<context>
    <name>UnlockRequestsDialog</name>
    <message>
        <source>Unlock requests</source>
        <translation>解封申请</translation>
    </message>
    <message>
        <source>MRN</source>
        <translation>住院号</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <source>Ward</source>
        <translation>病区</translation>
    </message>
    <message>
        <source>Asked by</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Asked at</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source> h</source>
        <translation> 小时</translation>
    </message>
    <message>
        <source>Unlock for (&amp;hours):</source>
        <translation>解封时长（小时）(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>批准(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Deny…</source>
        <translation>驳回(&amp;D)…</translation>
    </message>
    <message>
        <source>No unlock request is waiting.</source>
        <translation>没有待审批的解封申请。</translation>
    </message>
    <message>
        <source>Record no.</source>
        <translation>病案号</translation>
    </message>
</context>
<context>
    <name>RecordArchive</name>
    <message>
        <source>This record is archived and locked: it cannot be changed. Ask the medical-records office for an unlock with Request unlock… (%1); once it is approved, record the change again.</source>
        <translation>此病历已归档锁定，不能修改。请用“申请解封…”（%1）向病案室申请解封，批准后再重新记录。</translation>
    </message>
    <message>
        <source>Archived — unlocked for %1 until %2 (approved by %3); only they may change it, and each change is traced to this unlock.</source>
        <translation>已归档 — 已为 %1 解封至 %2（%3 批准）；仅其本人可修改，每项修改都记录在此次解封名下。</translation>
    </message>
    <message>
        <source>Archived — locked since %1. Changes need an approved unlock: Request unlock… (%2).</source>
        <translation>已归档 — 自 %1 起锁定。修改需经批准解封：申请解封…（%2）。</translation>
    </message>
    <message>
        <source>Unlock asked by %1 at %2, waiting for the medical-records office.</source>
        <translation>%1 于 %2 申请解封，等待病案室审批。</translation>
    </message>
    <message>
        <source>%1 change(s) made under an unlock.</source>
        <translation>解封期间已修改 %1 处。</translation>
    </message>
</context>
<context>
    <name>AdmissionAssessment</name>
    <message>
        <source>Arrived by</source>
        <translation>入院方式</translation>
    </message>
    <message>
        <source>Orientation</source>
        <translation>意识与定向</translation>
    </message>
    <message>
        <source>Communication</source>
        <translation>沟通</translation>
    </message>
    <message>
        <source>Mobility</source>
        <translation>活动能力</translation>
    </message>
    <message>
        <source>Diet</source>
        <translation>饮食</translation>
    </message>
    <message>
        <source>Continence</source>
        <translation>排泄控制</translation>
    </message>
    <message>
        <source>Skin</source>
        <translation>皮肤</translation>
    </message>
    <message>
        <source>Pain (0-10)</source>
        <translation>疼痛（0-10）</translation>
    </message>
    <message>
        <source>Lines and devices</source>
        <translation>管路与装置</translation>
    </message>
    <message>
        <source>Belongings</source>
        <translation>随身物品</translation>
    </message>
    <message>
        <source>Social situation</source>
        <translation>社会情况</translation>
    </message>
    <message>
        <source>Education needs</source>
        <translation>健康教育需求</translation>
    </message>
    <message>
        <source>e.g. IV cannula left forearm, urinary catheter; blank if none</source>
        <translation>如：左前臂静脉留置针、导尿管；没有则留空</translation>
    </message>
    <message>
        <source>e.g. glasses, dentures, phone</source>
        <translation>如：眼镜、假牙、手机</translation>
    </message>
    <message>
        <source>lives with, carer, contact person</source>
        <translation>同住者、照护者、联系人</translation>
    </message>
    <message>
        <source>e.g. new medicines, diet, falls prevention</source>
        <translation>如：新用药物、饮食、预防跌倒</translation>
    </message>
    <message>
        <source>Admission nursing assessment</source>
        <translation>入院护理评估</translation>
    </message>
    <message>
        <source>Digits choose an answer, Enter or Tab moves on, Ctrl+Enter saves.</source>
        <translation>数字键选择答案，Enter 或 Tab 到下一项，Ctrl+Enter 保存。</translation>
    </message>
    <message>
        <source>Answer %1 first.</source>
        <translation>请先填写“%1”。</translation>
    </message>
</context>
<context>
    <name>AdmissionAnswers</name>
    <message>
        <source>walking</source>
        <translation>步行</translation>
    </message>
    <message>
        <source>wheelchair</source>
        <translation>轮椅</translation>
    </message>
    <message>
        <source>stretcher</source>
        <translation>平车</translation>
    </message>
    <message>
        <source>alert and oriented</source>
        <translation>清醒，定向力好</translation>
    </message>
    <message>
        <source>confused</source>
        <translation>意识模糊</translation>
    </message>
    <message>
        <source>drowsy</source>
        <translation>嗜睡</translation>
    </message>
    <message>
        <source>unresponsive</source>
        <translation>无反应</translation>
    </message>
    <message>
        <source>normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>hard of hearing</source>
        <translation>听力差</translation>
    </message>
    <message>
        <source>poor vision</source>
        <translation>视力差</translation>
    </message>
    <message>
        <source>speech difficulty</source>
        <translation>言语困难</translation>
    </message>
    <message>
        <source>needs an interpreter</source>
        <translation>需要翻译</translation>
    </message>
    <message>
        <source>independent</source>
        <translation>自理</translation>
    </message>
    <message>
        <source>walks with an aid</source>
        <translation>借助辅具行走</translation>
    </message>
    <message>
        <source>needs help to move</source>
        <translation>需协助活动</translation>
    </message>
    <message>
        <source>bedbound</source>
        <translation>卧床</translation>
    </message>
    <message>
        <source>diabetic</source>
        <translation>糖尿病饮食</translation>
    </message>
    <message>
        <source>low salt</source>
        <translation>低盐饮食</translation>
    </message>
    <message>
        <source>soft</source>
        <translation>软食</translation>
    </message>
    <message>
        <source>liquid</source>
        <translation>流质</translation>
    </message>
    <message>
        <source>tube feeding</source>
        <translation>管饲</translation>
    </message>
    <message>
        <source>nil by mouth</source>
        <translation>禁食</translation>
    </message>
    <message>
        <source>continent</source>
        <translation>自控</translation>
    </message>
    <message>
        <source>urinary incontinence</source>
        <translation>尿失禁</translation>
    </message>
    <message>
        <source>faecal incontinence</source>
        <translation>大便失禁</translation>
    </message>
    <message>
        <source>urinary and faecal incontinence</source>
        <translation>大小便失禁</translation>
    </message>
    <message>
        <source>urinary catheter</source>
        <translation>留置导尿</translation>
    </message>
    <message>
        <source>intact</source>
        <translation>完整</translation>
    </message>
    <message>
        <source>dry or fragile</source>
        <translation>干燥或脆弱</translation>
    </message>
    <message>
        <source>wound</source>
        <translation>伤口</translation>
    </message>
    <message>
        <source>pressure injury</source>
        <translation>压力性损伤</translation>
    </message>
</context>
<context>
    <name>WardReceipt</name>
    <message>
        <source>This ward's order has not been dispensed yet: nothing recorded; ask pharmacy.</source>
        <translation>本病区的这条医嘱药房尚未发药：未作记录，请联系药房。</translation>
    </message>
    <message>
        <source>This label is for a patient on ward %1, not this ward: nothing recorded; return it to pharmacy.</source>
        <translation>此标签属于病区 %1 的患者，不是本病区：未作记录，请退回药房。</translation>
    </message>
    <message>
        <source>No patient on this ward has this label (it is another ward's item): nothing recorded; return it to pharmacy.</source>
        <translation>本病区没有患者对应此标签（是其他病区的药品）：未作记录，请退回药房。</translation>
    </message>
    <message>
        <source>Several expected items share this drug and lot: scan the order label instead.</source>
        <translation>多件待收药品为同一药品和批号：请改扫医嘱标签。</translation>
    </message>
    <message>
        <source>Unknown code: that is not a pharmacy label. Scan the label on the item.</source>
        <translation>无法识别的条码：这不是药房标签。请扫描药品上的标签。</translation>
    </message>
    <message>
        <source>Bed</source>
        <translation>床号</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <source>Medication</source>
        <translation>药品</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批号</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Dispensed</source>
        <translation>发药时间</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>接收人</translation>
    </message>
    <message>
        <source>Received: %1 for %2 (bed %3), lot %4.</source>
        <translation>已接收：%2（%3 床）的 %1，批号 %4。</translation>
    </message>
    <message>
        <source>Already received: %1 for %2, %3 by %4. Nothing recorded.</source>
        <translation>已接收过：%2 的 %1，%3 由 %4 接收。未重复记录。</translation>
    </message>
    <message>
        <source>Receive ward delivery</source>
        <translation>病区接收药品</translation>
    </message>
    <message>
        <source>Scan each item's pharmacy label (or type its code, Enter)</source>
        <translation>逐件扫描药房标签（或输入条码后按 Enter）</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Still expected: %1</source>
        <translation>待接收：%1</translation>
    </message>
    <message>
        <source>Received in the last 24 hours: %1</source>
        <translation>最近 24 小时已接收：%1</translation>
    </message>
    <message>
        <source>Scan the first item.</source>
        <translation>请扫描第一件药品。</translation>
    </message>
    <message>
        <source>Not recorded: %1</source>
        <translation>未记录：%1</translation>
    </message>
</context>
<context>
    <name>ClosedLoopFacts</name>
    <message>
        <location filename="../../ui/screens/closed_loop/facts.py" line="1" />
        <source>wristband and drug matched</source>
        <translation>腕带与药品核对一致</translation>
    </message>
    <message>
        <location filename="../../ui/screens/closed_loop/facts.py" line="1" />
        <source>wrong patient</source>
        <translation>患者不符</translation>
    </message>
    <message>
        <location filename="../../ui/screens/closed_loop/facts.py" line="1" />
        <source>wrong drug</source>
        <translation>药品不符</translation>
    </message>
    <message>
        <location filename="../../ui/screens/closed_loop/facts.py" line="1" />
        <source>wrong dose</source>
        <translation>剂量不符</translation>
    </message>
    <message>
        <location filename="../../ui/screens/closed_loop/facts.py" line="1" />
        <source>wrong route</source>
        <translation>途径不符</translation>
    </message>
    <message>
        <location filename="../../ui/screens/closed_loop/facts.py" line="1" />
        <source>outside the time window</source>
        <translation>超出给药时间窗</translation>
    </message>
    <message>
        <location filename="../../ui/screens/closed_loop/facts.py" line="1" />
        <source>unknown code</source>
        <translation>无法识别的条码</translation>
    </message>
    <message>
        <location filename="../../ui/screens/closed_loop/facts.py" line="1" />
        <source>unable to scan</source>
        <translation>无法扫描</translation>
    </message>
    <message>
        <location filename="../../ui/screens/closed_loop/facts.py" line="1" />
        <source>the order was voided</source>
        <translation>医嘱已作废</translation>
    </message>
    <message>
        <location filename="../../ui/screens/closed_loop/facts.py" line="1" />
        <source>the dose record was voided</source>
        <translation>给药记录已作废</translation>
    </message>
    <message>
        <location filename="../../ui/screens/closed_loop/facts.py" line="1" />
        <source>lot %1, %2</source>
        <translation>批号 %1，%2</translation>
    </message>
    <message>
        <location filename="../../ui/screens/closed_loop/facts.py" line="1" />
        <source>ended %1</source>
        <translation>结束于 %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/closed_loop/facts.py" line="1" />
        <source>%1 mL given</source>
        <translation>实际输入 %1 mL</translation>
    </message>
    <message>
        <location filename="../../ui/screens/closed_loop/facts.py" line="1" />
        <source>checked by %1</source>
        <translation>双人核对：%1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/closed_loop/facts.py" line="1" />
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <location filename="../../ui/screens/closed_loop/facts.py" line="1" />
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>accepted %1</source>
        <translation>%1 已接收</translation>
    </message>
    <message>
        <source>rejected %1</source>
        <translation>%1 已拒收</translation>
    </message>
    <message>
        <source>blocked: no negative skin test</source>
        <translation>皮试未阴性，拦截给药</translation>
    </message>
    <message>
        <source>site: %1</source>
        <translation>穿刺部位：%1</translation>
    </message>
    <message>
        <source>%1 mL left</source>
        <translation>余液 %1 mL</translation>
    </message>
</context>
<context>
    <name>OrderSignOff</name>
    <message>
        <location filename="../../ui/screens/orders/cosign.py" line="1" />
        <source>Choose an order in the list first (F6, arrows).</source>
        <translation>请先在列表中选择一条医嘱（F6，方向键）。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/cosign.py" line="1" />
        <source>Co-signed: %1</source>
        <translation>已会签：%1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/cosign.py" line="1" />
        <source>Approved: %1</source>
        <translation>已审批：%1</translation>
    </message>
    <message>
        <source>Verbal order signed: %1</source>
        <translation>口头医嘱已补签：%1</translation>
    </message>
</context>
<context>
    <name>StewardshipDialog</name>
    <message>
        <location filename="../../ui/screens/orders/stewardship.py" line="1" />
        <source>Antibiotic order</source>
        <translation>抗菌药物医嘱</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/stewardship.py" line="1" />
        <source>A &amp;culture was sent before the first dose</source>
        <translation>用药前已送病原学检查（培养）(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/stewardship.py" line="1" />
        <source>&amp;Emergency use above my right (Art. 28): it goes ahead now and is completed within 24 hours</source>
        <translation>紧急越级使用（第二十八条）(&amp;E)：立即执行，24小时内补办手续</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/stewardship.py" line="1" />
        <source>Indication (required for emergency use)</source>
        <translation>用药指征（越级使用必填）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/stewardship.py" line="1" />
        <source>treatment</source>
        <translation>治疗</translation>
    </message>
    <message>
        <location filename="../../ui/screens/orders/stewardship.py" line="1" />
        <source>prophylaxis</source>
        <translation>预防</translation>
    </message>
</context>
<context>
    <name>RightsView</name>
    <message>
        <location filename="../../ui/screens/rights/view.py" line="1" />
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../ui/screens/rights/view.py" line="1" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/screens/rights/view.py" line="1" />
        <source>Title</source>
        <translation>职称</translation>
    </message>
    <message>
        <location filename="../../ui/screens/rights/view.py" line="1" />
        <source>Antibiotic tier</source>
        <translation>抗菌药物分级权限</translation>
    </message>
    <message>
        <location filename="../../ui/screens/rights/view.py" line="1" />
        <source>Narcotic right</source>
        <translation>麻醉/精一处方权</translation>
    </message>
    <message>
        <location filename="../../ui/screens/rights/view.py" line="1" />
        <source>Antibiotic approver</source>
        <translation>抗菌药物会诊专家</translation>
    </message>
    <message>
        <location filename="../../ui/screens/rights/view.py" line="1" />
        <source>Prescribing rights (medical affairs office): Enter edits, F5 reloads</source>
        <translation>处方权限（医务科）：Enter 编辑，F5 刷新</translation>
    </message>
    <message>
        <location filename="../../ui/screens/rights/view.py" line="1" />
        <source>Title and prescribing rights</source>
        <translation>职称与处方权限</translation>
    </message>
    <message>
        <location filename="../../ui/screens/rights/view.py" line="1" />
        <source>&amp;Narcotic and class I psychotropic right (Art. 11)</source>
        <translation>麻醉药品和第一类精神药品处方权（第十一条）(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/rights/view.py" line="1" />
        <source>Designated antibiotic &amp;consultant (Art. 27)</source>
        <translation>特殊使用级抗菌药物会诊专家（第二十七条）(&amp;C)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>RightsController</name>
    <message>
        <location filename="../../ui/screens/rights/controller.py" line="1" />
        <source>Prescribing ri&amp;ghts</source>
        <translation>处方权限(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/rights/controller.py" line="1" />
        <source>Fetching the users…</source>
        <translation>正在获取用户…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/rights/controller.py" line="1" />
        <source>%1 user(s).</source>
        <translation>%1 位用户。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/rights/controller.py" line="1" />
        <source>Prescribing rights are kept on the server, which cannot be reached now.</source>
        <translation>处方权限保存在服务器上，目前无法连接服务器。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/rights/controller.py" line="1" />
        <source>The server refused: %1</source>
        <translation>服务器拒绝：%1</translation>
    </message>
</context>
<context>
    <name>SkinTestDialog</name>
    <message>
        <location filename="../../ui/screens/mar/skin_test_dialog.py" line="1" />
        <source>Skin test result</source>
        <translation>皮试结果</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/skin_test_dialog.py" line="1" />
        <source>negative (-)</source>
        <translation>阴性（-）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/skin_test_dialog.py" line="1" />
        <source>POSITIVE (+)</source>
        <translation>阳性（+）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/skin_test_dialog.py" line="1" />
        <source>wheal, redness (optional)</source>
        <translation>风团、红晕（可不填）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/skin_test_dialog.py" line="1" />
        <source>Substance</source>
        <translation>皮试药物</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/skin_test_dialog.py" line="1" />
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/skin_test_dialog.py" line="1" />
        <source>Reaction</source>
        <translation>局部反应</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/skin_test_dialog.py" line="1" />
        <source>Second nurse</source>
        <translation>核对护士</translation>
    </message>
    <message>
        <location filename="../../ui/screens/mar/skin_test_dialog.py" line="1" />
        <source>Password</source>
        <translation>密码</translation>
    </message>
</context>
<context>
    <name>OpioidToleranceDesk</name>
    <message>
        <source>Record &amp;opioid tolerance…</source>
        <translation>记录阿片类耐受(&amp;O)…</translation>
    </message>
    <message>
        <source>Only a doctor records opioid tolerance.</source>
        <translation>阿片类耐受只能由医师记录。</translation>
    </message>
    <message>
        <source>Opioid tolerance not recorded: %1</source>
        <translation>阿片类耐受未记录：%1</translation>
    </message>
</context>
<context>
    <name>OpioidToleranceDialog</name>
    <message>
        <source>Opioid tolerance — %1</source>
        <translation>阿片类耐受 — %1</translation>
    </message>
    <message>
        <source>Opioid tolerant: at least 60 mg oral morphine a day (or an equianalgesic dose: oxycodone 30 mg, fentanyl patch 25 mcg/h) for a week or longer. Without this record the order checks hold the opioid-naive ceilings.</source>
        <translation>阿片类耐受：每日口服吗啡至少60 mg（或等效剂量：羟考酮30 mg、芬太尼贴剂25 μg/h）持续一周或以上。未记录时，医嘱审核按阿片类未耐受患者的剂量上限执行。</translation>
    </message>
    <message>
        <source>Drug, dose and how long (e.g. morphine SR 60 mg q12h, 3 months)</source>
        <translation>药物、剂量及用药时长（如 吗啡缓释片 60 mg 每12小时一次，3个月）</translation>
    </message>
    <message>
        <source>Patient is opioid &amp;tolerant</source>
        <translation>患者为阿片类耐受(&amp;T)</translation>
    </message>
    <message>
        <source>Recorded now: tolerant</source>
        <translation>目前记录：耐受</translation>
    </message>
    <message>
        <source>Recorded now: opioid-naive</source>
        <translation>目前记录：未耐受</translation>
    </message>
    <message>
        <source>&amp;Basis</source>
        <translation>依据(&amp;B)</translation>
    </message>
</context>
<context>
    <name>Safety</name>
    <message>
        <location filename="../../ui/screens/critical/care.py" line="38" />
        <source>Nursing le&amp;vel…</source>
        <translation>护理级别(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/care.py" line="40" />
        <source>Nursing &amp;round: patient seen now</source>
        <translation>护理巡视：已看过患者(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/care.py" line="42" />
        <source>Barthel inde&amp;x…</source>
        <translation>Barthel 指数(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/care.py" line="43" />
        <source>Request a consul&amp;tation…</source>
        <translation>申请会诊(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/care.py" line="45" />
        <source>Consultant arr&amp;ived…</source>
        <translation>会诊医师到达(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/care.py" line="64" />
        <source>Not for your role (分级护理: a doctor orders the level; the nurse records rounds and Barthel).</source>
        <translation>您的角色不能执行此操作（分级护理：护理级别由医师下达，巡视和 Barthel 评估由护士记录）。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/care.py" line="85" />
        <source>Ordered: %1</source>
        <translation>已下达：%1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/care.py" line="90" />
        <source>Round recorded.</source>
        <translation>巡视已记录。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/care.py" line="97" />
        <source>Barthel index recorded.</source>
        <translation>Barthel 指数已记录。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/care.py" line="105" />
        <source>Consultation requested.</source>
        <translation>会诊已申请。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/care.py" line="110" />
        <source>Consultant arrived</source>
        <translation>会诊医师到达</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/care.py" line="111" />
        <source>Consultant (name, department):</source>
        <translation>会诊医师（姓名、科室）：</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/care.py" line="114" />
        <source>Arrival recorded.</source>
        <translation>到达时间已记录。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/care_dialogs.py" line="51" />
        <source>Nursing level</source>
        <translation>护理级别</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/care_dialogs.py" line="57" />
        <source>Order the nursing level (1-4, Enter)</source>
        <translation>下达护理级别（1-4，回车）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/care_dialogs.py" line="86" />
        <source>Barthel index (self-care)</source>
        <translation>Barthel 指数（自理能力）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/care_dialogs.py" line="128" />
        <source>Total %1 / 100</source>
        <translation>总分 %1 / 100</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/care_dialogs.py" line="138" />
        <source>Request a consultation</source>
        <translation>申请会诊</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/care_dialogs.py" line="145" />
        <source>The question (e.g. a special-tier antibiotic consultation)</source>
        <translation>会诊目的（如：特殊使用级抗菌药物会诊）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/care_dialogs.py" line="147" />
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/care_dialogs.py" line="148" />
        <source>Department</source>
        <translation>会诊科室</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/care_dialogs.py" line="149" />
        <source>Question</source>
        <translation>会诊目的</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/controller.py" line="68" />
        <source>Critical value: r&amp;eceive or acknowledge…</source>
        <translation>危急值：接收或确认(&amp;K)…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/controller.py" line="74" />
        <source>Open critical values on this ward</source>
        <translation>本病区未处理的危急值</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/controller.py" line="93" />
        <source>Critical values: %1</source>
        <translation>危急值：%1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/controller.py" line="95" />
        <source>(%1 escalated)</source>
        <translation>（%1 个已升级）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/controller.py" line="113" />
        <source>No open critical value for this patient.</source>
        <translation>该患者没有未处理的危急值。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/controller.py" line="119" />
        <source>Already received; waiting for the doctor's acknowledgement.</source>
        <translation>已接收，等待医师确认处理。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/texts.py" line="13" />
        <source>Special care</source>
        <translation>特级护理</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/texts.py" line="14" />
        <source>Level 1 care</source>
        <translation>一级护理</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/texts.py" line="15" />
        <source>Level 2 care</source>
        <translation>二级护理</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/texts.py" line="16" />
        <source>Level 3 care</source>
        <translation>三级护理</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/texts.py" line="19" />
        <source>not yet received</source>
        <translation>尚未接收</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/texts.py" line="20" />
        <source>received, doctor to acknowledge</source>
        <translation>已接收，待医师处理</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/texts.py" line="21" />
        <source>ESCALATED: not acknowledged in time</source>
        <translation>已升级：未在规定时间内处理</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/texts.py" line="22" />
        <source>acknowledged</source>
        <translation>已处理</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/texts.py" line="25" />
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/texts.py" line="26" />
        <source>OVERDUE</source>
        <translation>已超时</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/texts.py" line="27" />
        <source>consultant arrived</source>
        <translation>会诊医师已到</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/texts.py" line="28" />
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/texts.py" line="31" />
        <source>Emergency consultation</source>
        <translation>急会诊</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/texts.py" line="32" />
        <source>Consultation</source>
        <translation>普通会诊</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/texts.py" line="50" />
        <source>%1 · round overdue</source>
        <translation>%1 · 巡视超时</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/texts.py" line="56" />
        <source>critical value ×%1</source>
        <translation>危急值 ×%1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/texts.py" line="63" />
        <source>CRITICAL VALUE %1 %2 reported %3 by %4 — %5 (Ctrl+Shift+K)</source>
        <translation>危急值 %1 %2，%3 由 %4 报告 — %5（Ctrl+Shift+K）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/texts.py" line="71" />
        <source>%1 %2 requested %3 — %4</source>
        <translation>%1 %2，%3 申请 — %4</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/texts.py" line="92" />
        <source>round OVERDUE since %1</source>
        <translation>巡视自 %1 起超时</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/texts.py" line="94" />
        <source>next round %1</source>
        <translation>下次巡视 %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/texts.py" line="96" />
        <source>Barthel %1</source>
        <translation>Barthel %1 分</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/care_dialogs.py" line="145" />
        <source>The question (e.g. 特殊使用级抗菌药物会诊)</source>
        <translation>会诊目的（如：特殊使用级抗菌药物会诊）</translation>
    </message>
</context>
<context>
    <name>AcknowledgeDialog</name>
    <message>
        <location filename="../../ui/screens/critical/dialogs.py" line="40" />
        <source>Acknowledge the critical value</source>
        <translation>确认危急值</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/dialogs.py" line="47" />
        <source>More on the action taken (optional)</source>
        <translation>处理措施补充（可选）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/dialogs.py" line="54" />
        <source>Action taken (1-%1, Enter): a progress-note entry is written and linked</source>
        <translation>处理措施（1-%1，回车）：将自动写入并关联一条病程记录</translation>
    </message>
</context>
<context>
    <name>ReceiveDialog</name>
    <message>
        <location filename="../../ui/screens/critical/dialogs.py" line="88" />
        <source>Receive the critical value</source>
        <translation>接收危急值</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/dialogs.py" line="90" />
        <source>I read the value back to the reporter and it was confirmed</source>
        <translation>已向报告者复述结果并得到确认</translation>
    </message>
    <message>
        <location filename="../../ui/screens/critical/dialogs.py" line="92" />
        <source>Doctor told:</source>
        <translation>已通知医师：</translation>
    </message>
</context>
<context>
    <name>WardRecords</name>
    <message>
        <location filename="../../ui/screens/ward_records/controller.py" line="41" />
        <source>Front &amp;sheet…</source>
        <translation>病案首页(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ward_records/controller.py" line="43" />
        <source>Report adverse &amp;event…</source>
        <translation>上报不良事件(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ward_records/controller.py" line="46" />
        <source>Ward hand&amp;over report…</source>
        <translation>病区交接班报告(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ward_records/controller.py" line="67" />
        <source>Open a patient's chart to code the front sheet.</source>
        <translation>请先打开患者病历再填写病案首页。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ward_records/controller.py" line="82" />
        <source>Front sheet saved.</source>
        <translation>病案首页已保存。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ward_records/controller.py" line="98" />
        <source>Adverse event reported to the quality office.</source>
        <translation>不良事件已上报质控部门。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ward_records/controller.py" line="122" />
        <source>Handover report signed.</source>
        <translation>交接班报告已签名。</translation>
    </message>
</context>
<context>
    <name>FrontSheetDialog</name>
    <message>
        <location filename="../../ui/screens/ward_records/front_sheet_dialog.py" line="47" />
        <source>Front sheet — %1</source>
        <translation>病案首页 — %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ward_records/front_sheet_dialog.py" line="55" />
        <source>Diagnosis: code, name or pinyin initials; ' 1'-' 4' on admission; '+' admission diagnosis</source>
        <translation>诊断：编码、名称或拼音首字母；空格加1-4为入院病情；前加“+”为门（急）诊诊断</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ward_records/front_sheet_dialog.py" line="62" />
        <source>Procedure: ICD-9-CM-3 code or words, Enter</source>
        <translation>手术及操作：ICD-9-CM-3编码或名称，回车添加</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ward_records/front_sheet_dialog.py" line="73" />
        <source>&amp;Diagnosis</source>
        <translation>诊断(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ward_records/front_sheet_dialog.py" line="75" />
        <source>Sheet</source>
        <translation>首页</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ward_records/front_sheet_dialog.py" line="76" />
        <source>&amp;Procedure</source>
        <translation>手术及操作(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ward_records/front_sheet_dialog.py" line="77" />
        <source>Dis&amp;position</source>
        <translation>离院方式(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ward_records/front_sheet_dialog.py" line="78" />
        <source>&amp;Receiving institution</source>
        <translation>拟接收医疗机构(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ward_records/front_sheet_dialog.py" line="83" />
        <source>Enter adds · Delete removes · Ctrl+Enter saves · Esc closes</source>
        <translation>回车添加 · Delete删除 · Ctrl+Enter保存 · Esc关闭</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ward_records/front_sheet_dialog.py" line="151" />
        <source>Admission: %1 %2</source>
        <translation>门（急）诊诊断：%1 %2</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ward_records/front_sheet_dialog.py" line="154" />
        <source>Main</source>
        <translation>主要诊断</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ward_records/front_sheet_dialog.py" line="154" />
        <source>Other</source>
        <translation>其他诊断</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ward_records/front_sheet_dialog.py" line="158" />
        <source>on admission</source>
        <translation>入院病情</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ward_records/front_sheet_dialog.py" line="162" />
        <source>Procedure: %1 %2</source>
        <translation>手术及操作：%1 %2</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ward_records/front_sheet_dialog.py" line="167" />
        <source>Check: %1</source>
        <translation>质控：%1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ward_records/front_sheet_dialog.py" line="167" />
        <source>complete</source>
        <translation>完整</translation>
    </message>
</context>
<context>
    <name>AdverseEventDialog</name>
    <message>
        <location filename="../../ui/screens/ward_records/report_dialogs.py" line="44" />
        <source>Report an adverse event</source>
        <translation>上报不良事件</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ward_records/report_dialogs.py" line="56" />
        <source>Anonymous to colleagues, Alt+N (the quality office sees who reported)</source>
        <translation>对同事匿名，Alt+N（质控部门可见上报人）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ward_records/report_dialogs.py" line="60" />
        <source>New reaction, Alt+W</source>
        <translation>新的不良反应，Alt+W</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ward_records/report_dialogs.py" line="61" />
        <source>Serious, Alt+R</source>
        <translation>严重，Alt+R</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ward_records/report_dialogs.py" line="64" />
        <source>&amp;Category</source>
        <translation>类别(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ward_records/report_dialogs.py" line="64" />
        <source>&amp;Grade</source>
        <translation>分级(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ward_records/report_dialogs.py" line="65" />
        <source>&amp;What happened</source>
        <translation>事件经过(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ward_records/report_dialogs.py" line="65" />
        <source>&amp;Action taken</source>
        <translation>处理措施(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ward_records/report_dialogs.py" line="66" />
        <source>ADR: &amp;drug</source>
        <translation>不良反应：药品(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ward_records/report_dialogs.py" line="67" />
        <source>ADR: reac&amp;tion</source>
        <translation>不良反应：表现(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ward_records/report_dialogs.py" line="72" />
        <source>Ctrl+Enter reports · Esc closes</source>
        <translation>Ctrl+Enter上报 · Esc关闭</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ward_records/report_dialogs.py" line="115" />
        <source>ADR report due within %1 (by %2), Art. 20 of the 2011 ADR measures (药品不良反应报告和监测管理办法)</source>
        <translation>药品不良反应须%1报告（截止%2），《药品不良反应报告和监测管理办法》（2011）第二十条</translation>
    </message>
    <message>
        <source>immediately</source>
        <translation>立即</translation>
    </message>
    <message>
        <source>15 days</source>
        <translation>于15日内</translation>
    </message>
    <message>
        <source>30 days</source>
        <translation>于30日内</translation>
    </message>
    <message>
        <source>medication</source>
        <translation>用药</translation>
    </message>
    <message>
        <source>fall</source>
        <translation>跌倒</translation>
    </message>
    <message>
        <source>pressure injury</source>
        <translation>压力性损伤</translation>
    </message>
    <message>
        <source>transfusion</source>
        <translation>输血</translation>
    </message>
    <message>
        <source>device</source>
        <translation>医疗器械</translation>
    </message>
    <message>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>I — sentinel event (death or permanent harm)</source>
        <translation>Ⅰ级 警告事件（死亡或永久性损害）</translation>
    </message>
    <message>
        <source>II — adverse outcome</source>
        <translation>Ⅱ级 不良后果事件</translation>
    </message>
    <message>
        <source>III — no harm</source>
        <translation>Ⅲ级 未造成后果事件</translation>
    </message>
    <message>
        <source>IV — near miss</source>
        <translation>Ⅳ级 隐患事件</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ward_records/report_dialogs.py" line="115" />
        <source>ADR report due within %1 (by %2), 药品不良反应报告和监测管理办法 2011 第二十条</source>
        <translation>药品不良反应须在%1内报告（截止%2），药品不良反应报告和监测管理办法 2011 第二十条</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <location filename="../../ui/screens/ward_records/report_dialogs.py" line="135" />
        <source>Ward handover report</source>
        <translation>病区交接班报告</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ward_records/report_dialogs.py" line="150" />
        <source>No special patients</source>
        <translation>无特殊患者</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ward_records/report_dialogs.py" line="158" />
        <source>Ctrl+Enter signs for it (receiving)</source>
        <translation>Ctrl+Enter接班签名</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ward_records/report_dialogs.py" line="160" />
        <source>Ctrl+Enter signs (handing over)</source>
        <translation>Ctrl+Enter交班签名</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ward_records/report_dialogs.py" line="162" />
        <source> · Esc closes</source>
        <translation> · Esc关闭</translation>
    </message>
</context>
<context>
    <name>SheetReorganiser</name>
    <message>
        <source>Open a patient's chart first.</source>
        <translation>请先打开患者病历。</translation>
    </message>
    <message>
        <source>many long-term orders changed (长期医嘱调整项目较多)</source>
        <translation>长期医嘱调整项目较多</translation>
    </message>
    <message>
        <source>transferred in (转科)</source>
        <translation>转科</translation>
    </message>
    <message>
        <source>after surgery (手术后)</source>
        <translation>手术后</translation>
    </message>
    <message>
        <source>Reorganise the order sheet (重整医嘱)</source>
        <translation>重整医嘱</translation>
    </message>
    <message>
        <source>Why (1-3, Enter)</source>
        <translation>重整原因（1-3，回车）</translation>
    </message>
    <message>
        <source>Order sheet reorganised: the orders in force are re-issued.</source>
        <translation>已重整医嘱：在用的长期医嘱已重新抄录。</translation>
    </message>
</context>
<context>
    <name>VerbalOrders</name>
    <message>
        <source>Only a nurse takes a verbal order, in a rescue, on an open chart.</source>
        <translation>口头医嘱仅限护士在抢救时、在已打开的病历上接受。</translation>
    </message>
    <message>
        <source>No doctor of this ward is known yet: sync first.</source>
        <translation>尚无本病区医师信息：请先同步。</translation>
    </message>
    <message>
        <source>Verbal order in a rescue (口头医嘱)</source>
        <translation>抢救口头医嘱</translation>
    </message>
    <message>
        <source>Who gave the order? (a digit, Enter)</source>
        <translation>下达医嘱的医师？（数字，回车）</translation>
    </message>
    <message>
        <source>Verbal order from %1: type it, read it back to the doctor, then F9 signs it as urgent.</source>
        <translation>%1 的口头医嘱：录入并向医师复诵，按 F9 作为紧急医嘱签署。</translation>
    </message>
</context>
<context>
    <name>Refusals</name>
    <message>
        <source>the change could not be read by the server</source>
        <translation>服务器无法读取此项修改</translation>
    </message>
    <message>
        <source>the change is incomplete or has a value out of range</source>
        <translation>内容不完整或有数值超出范围</translation>
    </message>
    <message>
        <source>a different change was already sent under the same id</source>
        <translation>同一编号下已提交过不同的内容</translation>
    </message>
    <message>
        <source>its author is not an active user</source>
        <translation>记录者不是在用账户</translation>
    </message>
    <message>
        <source>it carries no electronic signature</source>
        <translation>缺少电子签名</translation>
    </message>
    <message>
        <source>its electronic signature does not verify</source>
        <translation>电子签名验证未通过</translation>
    </message>
    <message>
        <source>it was signed with a withdrawn signing key</source>
        <translation>所用签名密钥已被撤销</translation>
    </message>
    <message>
        <source>it was sent from another workstation than the one that signed it</source>
        <translation>提交的工作站与签名的工作站不一致</translation>
    </message>
    <message>
        <source>this workstation has been withdrawn</source>
        <translation>此工作站已被停用</translation>
    </message>
    <message>
        <source>it was already sent once</source>
        <translation>此项已提交过</translation>
    </message>
    <message>
        <source>its time is earlier than this workstation's clock allows</source>
        <translation>记录时间早于本工作站时钟允许的范围</translation>
    </message>
    <message>
        <source>its time is later than the server's clock</source>
        <translation>记录时间晚于服务器时钟</translation>
    </message>
    <message>
        <source>this workstation's numbering clashes with an earlier change</source>
        <translation>本工作站的记录序号与之前的记录冲突</translation>
    </message>
    <message>
        <source>your role may not make this change</source>
        <translation>您的角色无权进行此项修改</translation>
    </message>
    <message>
        <source>it needs a co-signature</source>
        <translation>需要上级医师共同签名</translation>
    </message>
    <message>
        <source>it needs an approval</source>
        <translation>需要审批</translation>
    </message>
    <message>
        <source>the record was changed by someone else since it was read</source>
        <translation>读取后已被他人修改</translation>
    </message>
    <message>
        <source>the patient is not on your ward (break the glass to reach them)</source>
        <translation>该患者不在您的病区（需紧急授权方可访问）</translation>
    </message>
    <message>
        <source>the server does not know this patient</source>
        <translation>服务器上没有该患者</translation>
    </message>
    <message>
        <source>the record is archived and locked</source>
        <translation>病历已归档锁定</translation>
    </message>
    <message>
        <source>it depends on another change that was refused</source>
        <translation>所依赖的另一项修改已被拒收</translation>
    </message>
    <message>
        <source>the MRN is not this patient's</source>
        <translation>该住院号不属于此患者</translation>
    </message>
    <message>
        <source>only a discharged patient's record can be archived</source>
        <translation>只有出院患者的病历才能归档</translation>
    </message>
    <message>
        <source>the record is already archived and locked</source>
        <translation>病历已归档并锁定</translation>
    </message>
    <message>
        <source>the record is not locked</source>
        <translation>病历未锁定</translation>
    </message>
    <message>
        <source>there is no such unlock request</source>
        <translation>没有该解封申请</translation>
    </message>
    <message>
        <source>the server refused this change</source>
        <translation>服务器拒收了此项修改</translation>
    </message>
    <message>
        <source>the record is not complete (discharge summary, co-signatures, front sheet): see the record</source>
        <translation>病历尚不完整（出院记录、上级医师审签、病案首页）：请查看病历</translation>
    </message>
    <message>
        <source>the request is incomplete or has a value out of range</source>
        <translation>请求不完整或有数值超出范围</translation>
    </message>
    <message>
        <source>the server has no such record</source>
        <translation>服务器上没有该记录</translation>
    </message>
    <message>
        <source>only a doctor with a doctor's title holds prescribing rights</source>
        <translation>只有具有医师职称的医师才能享有处方权</translation>
    </message>
    <message>
        <source>this title is a nurse's grade</source>
        <translation>该职称属于护理职称</translation>
    </message>
    <message>
        <source>a trainee physician's title is trainee</source>
        <translation>住院医师规范化培训医师的职称只能是规培医师</translation>
    </message>
    <message>
        <source>this antibiotic tier is above what the title may hold (Art. 24)</source>
        <translation>该抗菌药物分级超出此职称可授予的处方权限（第二十四条）</translation>
    </message>
    <message>
        <source>an antibiotic consultant must be an associate chief or chief physician (Art. 27)</source>
        <translation>抗菌药物会诊医师须为副主任医师或主任医师（第二十七条）</translation>
    </message>
    <message>
        <source>The server refused: %1</source>
        <translation>服务器拒绝：%1</translation>
    </message>
</context>
<context>
    <name>Units</name>
    <message>
        <source>/min</source>
        <translation>次/分</translation>
    </message>
</context>
<context>
    <name>ProblemDialog</name>
    <message>
        <source>Problem list — %1</source>
        <translation>问题列表 — %1</translation>
    </message>
    <message>
        <source>ICD-10 code, Chinese name or pinyin initials</source>
        <translation>ICD-10 编码、中文名称或拼音首字母</translation>
    </message>
    <message>
        <source>&amp;Diagnosis</source>
        <translation>诊断(&amp;D)</translation>
    </message>
    <message>
        <source>ICD-10</source>
        <translation>ICD-10</translation>
    </message>
    <message>
        <source>D&amp;escription</source>
        <translation>描述(&amp;E)</translation>
    </message>
    <message>
        <source>List: %1</source>
        <translation>编码表：%1</translation>
    </message>
    <message>
        <source>↑↓ choose · Enter takes the code · Ctrl+Enter records · Esc closes</source>
        <translation>↑↓ 选择 · Enter 取编码 · Ctrl+Enter 记录 · Esc 关闭</translation>
    </message>
    <message>
        <source>(none: an uncoded problem)</source>
        <translation>（无：未编码的问题）</translation>
    </message>
    <message>
        <source>Choose a diagnosis or type a description.</source>
        <translation>请选择诊断或输入描述。</translation>
    </message>
    <message>
        <source>&amp;Problems</source>
        <translation>问题(&amp;P)</translation>
    </message>
    <message>
        <source>Alt+P the problems on the list · Ctrl+R resolves the chosen one</source>
        <translation>Alt+P 转到列表中的问题 · Ctrl+R 将所选问题标为已解决</translation>
    </message>
    <message>
        <source>(resolved)</source>
        <translation>（已解决）</translation>
    </message>
    <message>
        <source>Choose an active problem on the list to resolve.</source>
        <translation>请在列表中选择一个活动问题再标为已解决。</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <source>Problem list (ICD-10)…</source>
        <translation>问题列表（ICD-10）…</translation>
    </message>
    <message>
        <source>Open a patient's chart to record a problem.</source>
        <translation>请先打开患者病历再记录问题。</translation>
    </message>
    <message>
        <source>Problem recorded.</source>
        <translation>问题已记录。</translation>
    </message>
    <message>
        <source>Problem resolved.</source>
        <translation>问题已标为已解决。</translation>
    </message>
</context>
<context>
    <name>NursingRecord</name>
    <message>
        <source>Nursing record…</source>
        <translation>护理记录…</translation>
    </message>
    <message>
        <source>The nursing record is written by nurses.</source>
        <translation>护理记录由护士书写。</translation>
    </message>
    <message>
        <source>Nursing record</source>
        <translation>护理记录</translation>
    </message>
    <message>
        <source>Nursing record row signed.</source>
        <translation>护理记录已签名。</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>&amp;Time (HH:MM, blank = now)</source>
        <translation>时间（时:分，空白为现在）(&amp;T)</translation>
    </message>
    <message>
        <source>T °C</source>
        <translation>体温 °C</translation>
    </message>
    <message>
        <source>P /min</source>
        <translation>脉搏 次/分</translation>
    </message>
    <message>
        <source>R /min</source>
        <translation>呼吸 次/分</translation>
    </message>
    <message>
        <source>BP (120/80)</source>
        <translation>血压（120/80）</translation>
    </message>
    <message>
        <source>SpO2 %</source>
        <translation>血氧饱和度 %</translation>
    </message>
    <message>
        <source>ACVPU</source>
        <translation>意识（ACVPU）</translation>
    </message>
    <message>
        <source>Pupils</source>
        <translation>瞳孔</translation>
    </message>
    <message>
        <source>&amp;Observation</source>
        <translation>病情观察(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Measures</source>
        <translation>护理措施(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Effect</source>
        <translation>效果(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Intake (po 200 iv 500)</source>
        <translation>入量（口服200 静脉500）(&amp;I)</translation>
    </message>
    <message>
        <source>O&amp;utput (u 300 drain 50)</source>
        <translation>出量（尿300 引流50）(&amp;U)</translation>
    </message>
    <message>
        <source>Why &amp;corrected</source>
        <translation>更正原因(&amp;C)</translation>
    </message>
    <message>
        <source>Tab or Enter: next field · Alt+V: pull the newest vitals · Alt+letter: that field · Ctrl+Enter: sign the row · F2 in the table: correct your row · Esc: close</source>
        <translation>Tab 或 Enter：下一项 · Alt+V：带入最新生命体征 · Alt+字母：对应项 · Ctrl+Enter：签名 · 表格中 F2：更正本人记录 · Esc：关闭</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>T</source>
        <translation>体温</translation>
    </message>
    <message>
        <source>P</source>
        <translation>脉搏</translation>
    </message>
    <message>
        <source>R</source>
        <translation>呼吸</translation>
    </message>
    <message>
        <source>BP</source>
        <translation>血压</translation>
    </message>
    <message>
        <source>SpO2</source>
        <translation>血氧</translation>
    </message>
    <message>
        <source>Intake mL</source>
        <translation>入量 mL</translation>
    </message>
    <message>
        <source>Output mL</source>
        <translation>出量 mL</translation>
    </message>
    <message>
        <source>Observation, measures, effect</source>
        <translation>病情观察、护理措施及效果</translation>
    </message>
    <message>
        <source>Nurse</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>Critically ill patient nursing record</source>
        <translation>危重患者护理记录</translation>
    </message>
    <message>
        <source>General nursing record</source>
        <translation>一般护理记录</translation>
    </message>
    <message>
        <source>Correction (%1): </source>
        <translation>更正（%1）：</translation>
    </message>
    <message>
        <source>[corrected] </source>
        <translation>[已更正] </translation>
    </message>
    <message>
        <source>No rows yet.</source>
        <translation>尚无记录。</translation>
    </message>
    <message>
        <source>No vital signs recorded yet.</source>
        <translation>尚无生命体征记录。</translation>
    </message>
    <message>
        <source>Vitals of %1 pulled in.</source>
        <translation>已带入 %1 的生命体征。</translation>
    </message>
    <message>
        <source>Select a row of your own that is not yet corrected.</source>
        <translation>请选择本人书写且未更正的记录。</translation>
    </message>
    <message>
        <source>Correcting the %1 row: change it, say why, Ctrl+Enter.</source>
        <translation>更正 %1 的记录：修改内容，填写原因，Ctrl+Enter。</translation>
    </message>
    <message>
        <source>Say why the row is corrected.</source>
        <translation>请填写更正原因。</translation>
    </message>
    <message>
        <source>Row signed.</source>
        <translation>已签名。</translation>
    </message>
    <message>
        <source>Correction left.</source>
        <translation>已取消更正。</translation>
    </message>
    <message>
        <source>day shift</source>
        <translation>白班小结</translation>
    </message>
    <message>
        <source>evening shift</source>
        <translation>小夜班小结</translation>
    </message>
    <message>
        <source>night shift</source>
        <translation>大夜班小结</translation>
    </message>
    <message>
        <source>24-hour total</source>
        <translation>24小时总结</translation>
    </message>
    <message>
        <source>%1 from %2: intake %3 mL (%4), output %5 mL (%6), balance %7 mL</source>
        <translation>%1（自 %2）：入量 %3 mL（%4），出量 %5 mL（%6），出入平衡 %7 mL</translation>
    </message>
</context>
<context>
    <name>InfusionRound</name>
    <message>
        <source>&amp;Infusion round (scan the bag)…</source>
        <translation>输液巡视（扫瓶签）(&amp;I)…</translation>
    </message>
    <message>
        <source>Infusion rounds are recorded by nurses.</source>
        <translation>输液巡视由护士记录。</translation>
    </message>
    <message>
        <source>Infusion round recorded.</source>
        <translation>已记录输液巡视。</translation>
    </message>
    <message>
        <source>Infusion round</source>
        <translation>输液巡视</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>No bag is running on this ward.</source>
        <translation>本病区没有正在输注的液体。</translation>
    </message>
    <message>
        <source>round due %1</source>
        <translation>下次巡视 %1</translation>
    </message>
    <message>
        <source>Drip &amp;rate (Alt+U: unit)</source>
        <translation>滴速(&amp;R)（Alt+U 切换单位）</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>&amp;Site (a digit)</source>
        <translation>穿刺部位(&amp;S)（按数字）</translation>
    </message>
    <message>
        <source>Volume &amp;left, mL</source>
        <translation>余液量 mL(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Action (a digit)</source>
        <translation>处理(&amp;A)（按数字）</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <source>Scan the bag's label, or choose it with the arrows and Enter. Enter or Ctrl+Enter records, Esc closes.</source>
        <translation>扫描输液瓶签，或用方向键选择后按回车。回车或 Ctrl+Enter 记录，Esc 关闭。</translation>
    </message>
    <message>
        <source>That label is not a running bag on this ward.</source>
        <translation>该瓶签不是本病区正在输注的液体。</translation>
    </message>
    <message>
        <source>Choose a bag first.</source>
        <translation>请先选择液体。</translation>
    </message>
    <message>
        <source>Infiltration or extravasation: stop or re-site the infusion.</source>
        <translation>渗出或外渗：请停止输液或重新穿刺。</translation>
    </message>
    <message>
        <source>A running infusion needs its drip rate.</source>
        <translation>正在输注的液体需记录滴速。</translation>
    </message>
    <message>
        <source>normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>redness</source>
        <translation>发红</translation>
    </message>
    <message>
        <source>pain</source>
        <translation>疼痛</translation>
    </message>
    <message>
        <source>swelling</source>
        <translation>肿胀</translation>
    </message>
    <message>
        <source>infiltration</source>
        <translation>渗出</translation>
    </message>
    <message>
        <source>extravasation</source>
        <translation>外渗</translation>
    </message>
    <message>
        <source>occluded</source>
        <translation>堵管</translation>
    </message>
    <message>
        <source>phlebitis grade 1</source>
        <translation>静脉炎 1 级</translation>
    </message>
    <message>
        <source>phlebitis grade 2</source>
        <translation>静脉炎 2 级</translation>
    </message>
    <message>
        <source>phlebitis grade 3</source>
        <translation>静脉炎 3 级</translation>
    </message>
    <message>
        <source>phlebitis grade 4</source>
        <translation>静脉炎 4 级</translation>
    </message>
    <message>
        <source>running, continue</source>
        <translation>输注通畅，继续</translation>
    </message>
    <message>
        <source>rate adjusted</source>
        <translation>已调节滴速</translation>
    </message>
    <message>
        <source>bag changed</source>
        <translation>已更换液体</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>re-sited</source>
        <translation>已重新穿刺</translation>
    </message>
    <message>
        <source>doctor informed</source>
        <translation>已通知医生</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>输液完毕</translation>
    </message>
    <message>
        <source>gtt/min</source>
        <translation>滴/分</translation>
    </message>
    <message>
        <source>mL/h</source>
        <translation>毫升/小时</translation>
    </message>
    <message>
        <source>round overdue since %1</source>
        <translation>巡视已超时（应于 %1）</translation>
    </message>
</context>
<context>
    <name>DemoUsers</name>
    <message>
        <source>physician</source>
        <translation>医师</translation>
    </message>
    <message>
        <source>trainee physician</source>
        <translation>规培医师</translation>
    </message>
    <message>
        <source>nurse</source>
        <translation>护士</translation>
    </message>
    <message>
        <source>pharmacist</source>
        <translation>药师</translation>
    </message>
    <message>
        <source>laboratory</source>
        <translation>检验科</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>系统管理员</translation>
    </message>
    <message>
        <source>privacy officer</source>
        <translation>隐私专员</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Ward</source>
        <translation>病区</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Demo users</source>
        <translation>演示用户</translation>
    </message>
    <message>
        <source>no ward (whole hospital)</source>
        <translation>不限病区（全院）</translation>
    </message>
    <message>
        <source>This is a demonstration ward with invented patients. Choose a user with the arrow keys and press Enter (or double-click) to fill in the login. The list is kept in %1</source>
        <translation>这是一个演示病区，患者均为虚构。用方向键选择用户后按 Enter（或双击）即可填入登录信息。此列表保存在 %1</translation>
    </message>
    <message>
        <source>head nurse</source>
        <translation>护士长</translation>
    </message>
    <message>
        <source>department director</source>
        <translation>科主任</translation>
    </message>
    <message>
        <source>medical affairs</source>
        <translation>医务科</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>&lt;b&gt;Dashboard&lt;/b&gt; — F5 reloads, Ctrl+E exports to Excel</source>
        <translation>&lt;b&gt;管理看板&lt;/b&gt; — F5 刷新，Ctrl+E 导出 Excel</translation>
    </message>
    <message>
        <source>&amp;Scope:</source>
        <translation>范围(&amp;S)：</translation>
    </message>
</context>
<context>
    <name>DashboardController</name>
    <message>
        <source>Da&amp;shboard</source>
        <translation>管理看板(&amp;S)</translation>
    </message>
    <message>
        <source>Whole hospital</source>
        <translation>全院</translation>
    </message>
    <message>
        <source>Fetching the dashboard…</source>
        <translation>正在获取看板数据…</translation>
    </message>
    <message>
        <source>Figures as of %1.</source>
        <translation>数据截至 %1。</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>The dashboards are on the server, which cannot be reached now.</source>
        <translation>看板数据在服务器上，目前无法连接服务器。</translation>
    </message>
    <message>
        <source>The server refused: %1</source>
        <translation>服务器拒绝：%1</translation>
    </message>
</context>
<context>
    <name>RosterController</name>
    <message>
        <source>&amp;Nurse roster</source>
        <translation>护士排班(&amp;N)</translation>
    </message>
    <message>
        <source>Save (Ctrl+S) or reload (F5) this week's changes first.</source>
        <translation>请先保存（Ctrl+S）或重新载入（F5）本周的修改。</translation>
    </message>
    <message>
        <source>Fetching the roster…</source>
        <translation>正在获取排班…</translation>
    </message>
    <message>
        <source>The server cannot be reached and this station has no copy of the roster yet.</source>
        <translation>无法连接服务器，本工作站尚无排班副本。</translation>
    </message>
    <message>
        <source>Offline: the roster as last synced, read only.</source>
        <translation>离线：显示上次同步的排班，只读。</translation>
    </message>
    <message>
        <source>Nurse roster of %1, %2 to %3 (version %4)%5</source>
        <translation>%1 护士排班，%2 至 %3（第 %4 版）%5</translation>
    </message>
    <message>
        <source>, read only</source>
        <translation>，只读</translation>
    </message>
    <message>
        <source>Only the ward's head nurse edits the roster, online.</source>
        <translation>只有本病区护士长可在联网时编辑排班。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Saved: version %1.</source>
        <translation>已保存：第 %1 版。</translation>
    </message>
    <message>
        <source>Someone saved this roster after you opened it: your changes were not saved. F5 shows theirs; your changes stay marked with the pen icon until you reload.</source>
        <translation>您打开排班后已有他人保存：您的修改未保存。按 F5 查看对方的版本；重新载入前您的修改仍以铅笔图标标出。</translation>
    </message>
    <message>
        <source>The roster is kept on the server, which cannot be reached now.</source>
        <translation>排班保存在服务器上，目前无法连接服务器。</translation>
    </message>
    <message>
        <source>The server refused: %1</source>
        <translation>服务器拒绝：%1</translation>
    </message>
</context>
<context>
    <name>StaffingWords</name>
    <message>
        <source>nobody</source>
        <translation>无人</translation>
    </message>
    <message>
        <source>special care</source>
        <translation>特级护理</translation>
    </message>
    <message>
        <source>level I</source>
        <translation>一级护理</translation>
    </message>
    <message>
        <source>level II</source>
        <translation>二级护理</translation>
    </message>
    <message>
        <source>level III</source>
        <translation>三级护理</translation>
    </message>
    <message>
        <source>no level ordered</source>
        <translation>未下护理级别</translation>
    </message>
    <message>
        <source>No nurse on this shift for %1 patients</source>
        <translation>本班无护士，患者 %1 名</translation>
    </message>
    <message>
        <source>%1 patients per nurse, above the standard's %2</source>
        <translation>每名护士负责 %1 名患者，超过标准的 %2 名</translation>
    </message>
    <message>
        <source>%1 is responsible for %2 patients, above %3</source>
        <translation>%1 负责 %2 名患者，超过 %3 名</translation>
    </message>
    <message>
        <source>%1 special-care patients need %2 nurses; %3 on shift</source>
        <translation>特级护理患者 %1 名需护士 %2 名；本班 %3 名</translation>
    </message>
    <message>
        <source>Occupied beds with no responsible nurse: %1</source>
        <translation>无责任护士的在床床位：%1</translation>
    </message>
    <message>
        <source>%1 nurses on the roster for %2 beds: the standard's %3 per bed needs %4</source>
        <translation>%2 张床位排班护士 %1 名：按标准护床比 %3:1 需 %4 名</translation>
    </message>
    <message>
        <source>%1 patients (%2); NEWS2 ≥7: %3, 5–6: %4; nurses on shift: %5; patients per nurse: %6</source>
        <translation>患者 %1 名（%2）；NEWS2 ≥7：%3 名，5–6：%4 名；本班护士：%5 名；每名护士负责：%6 名</translation>
    </message>
</context>
<context>
    <name>StaffingTab</name>
    <message>
        <source>Ward</source>
        <translation>病区</translation>
    </message>
    <message>
        <source>Shift now</source>
        <translation>当前班次</translation>
    </message>
    <message>
        <source>Patients</source>
        <translation>患者数</translation>
    </message>
    <message>
        <source>Nurses</source>
        <translation>护士数</translation>
    </message>
    <message>
        <source>Patients per nurse</source>
        <translation>每名护士负责患者数</translation>
    </message>
    <message>
        <source>Special care</source>
        <translation>特级护理</translation>
    </message>
    <message>
        <source>Level I</source>
        <translation>一级护理</translation>
    </message>
    <message>
        <source>Level II</source>
        <translation>二级护理</translation>
    </message>
    <message>
        <source>Level III</source>
        <translation>三级护理</translation>
    </message>
    <message>
        <source>NEWS2 ≥7</source>
        <translation>NEWS2 ≥7</translation>
    </message>
    <message>
        <source>NEWS2 5–6</source>
        <translation>NEWS2 5–6</translation>
    </message>
    <message>
        <source>Nurses on the week's roster / beds</source>
        <translation>本周排班护士数 / 床位数</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>警示</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <source>Staffing</source>
        <translation>排班</translation>
    </message>
    <message>
        <source>Standard: at most %1 patients per nurse on a shift, at least %2 nurses per bed (%3).</source>
        <translation>标准：每班每名护士负责患者不超过 %1 名，护床比不低于 %2:1（%3）。</translation>
    </message>
    <message>
        <source>Nurses on each shift this week</source>
        <translation>本周各班次护士数</translation>
    </message>
    <message>
        <source>Patients per nurse now, by ward</source>
        <translation>各病区当前每名护士负责患者数</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <source>Staffing now</source>
        <translation>当前人力</translation>
    </message>
    <message>
        <source>Roster and workload</source>
        <translation>排班与工作量</translation>
    </message>
    <message>
        <source>Nurses on the shift</source>
        <translation>当班护士</translation>
    </message>
</context>
<context>
    <name>RosterView</name>
    <message>
        <source>Enter: who is on and their beds · Delete: empty the shift · Ctrl+D: as the day before · Ctrl+S: save · F5: reload · Ctrl+PgDown / Ctrl+PgUp: next / previous week · F3: shift pattern and nurse levels</source>
        <translation>回车：安排上班护士及其床位 · Delete：清空该班次 · Ctrl+D：同前一天 · Ctrl+S：保存 · F5：重新载入 · Ctrl+PgDown / Ctrl+PgUp：下一周 / 上一周 · F3：班次设置与护士能级</translation>
    </message>
    <message>
        <source>Nurse (Space: on this shift)</source>
        <translation>护士（空格：本班上班）</translation>
    </message>
    <message>
        <source>Beds (type: 1-8, 12)</source>
        <translation>床位（输入如 1-8, 12）</translation>
    </message>
    <message>
        <source>A bed has one responsible nurse per shift.</source>
        <translation>每个床位每班只有一名责任护士。</translation>
    </message>
    <message>
        <source>Type beds of this ward, as 1-8, 12.</source>
        <translation>请输入本病区的床位，如 1-8, 12。</translation>
    </message>
</context>
<context>
    <name>ShiftPatternDialog</name>
    <message>
        <source>Shift pattern and nurse levels</source>
        <translation>班次设置与护士能级</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Chinese name</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>Starts (HH:MM)</source>
        <translation>开始（时:分）</translation>
    </message>
    <message>
        <source>Ends (HH:MM)</source>
        <translation>结束（时:分）</translation>
    </message>
    <message>
        <source>Nurse</source>
        <translation>护士</translation>
    </message>
    <message>
        <source>Level (N0–N4, blank: none)</source>
        <translation>能级（N0–N4，空白：无）</translation>
    </message>
    <message>
        <source>Shifts (Insert adds, Delete removes; an end not after the start ends the next day)</source>
        <translation>班次（Insert 添加，Delete 删除；结束时间不晚于开始时间即次日结束）</translation>
    </message>
    <message>
        <source>Nurse levels (能级)</source>
        <translation>护士能级</translation>
    </message>
    <message>
        <source>Check the shifts (a code of capital letters, both names, times as HH:MM, each code once) and the levels (%1).</source>
        <translation>请检查班次（代码为大写字母、中英文名称齐全、时间为 时:分、代码不重复）和能级（%1）。</translation>
    </message>
</context>
<context>
    <name>QualityTab</name>
    <message>
        <source>Quality</source>
        <translation>质控</translation>
    </message>
    <message>
        <source>Note timeliness</source>
        <translation>病历书写时限</translation>
    </message>
    <message>
        <source>Share of notes signed within their deadline after admission: first progress note 8 h, admission note 24 h, superior doctor's ward round 48 h; an unsigned note counts as late once its deadline has passed. Source: 病历书写基本规范 (2010), Art. 18 and 22.</source>
        <translation>入院后按时限签署的病历所占比例：首次病程记录 8 小时、入院记录 24 小时、上级医师查房记录 48 小时内完成；未签署的病历在超过时限后计为超时。依据：《病历书写基本规范》（2010）第十八条、第二十二条。</translation>
    </message>
    <message>
        <source>Order-check alerts and overrides</source>
        <translation>医嘱审核提示与强制通过</translation>
    </message>
    <message>
        <source>Alerts shown when an order was signed, and the share the prescriber overrode with a reason (stored on the order); a step taken with allergies not documented counts as an overridden allergy-status alert. Source: the order checks' own record.</source>
        <translation>医嘱签署时出现的审核提示，以及开立者填写理由后强制通过的比例（记录在医嘱上）；过敏史未记录时仍继续操作，计为一次被强制通过的过敏史提示。依据：医嘱审核自身的记录。</translation>
    </message>
    <message>
        <source>BCMA scan compliance</source>
        <translation>床旁扫码执行率</translation>
    </message>
    <message>
        <source>Of the doses given, the share whose bedside check scanned the wristband and the drug; unable-to-scan and no check at all are not scanned. Source: bedside checks before each dose.</source>
        <translation>已给药次数中，床旁核对时扫描了腕带和药品的比例；无法扫码或未做核对的均计为未扫码。依据：每次给药前的床旁核对记录。</translation>
    </message>
    <message>
        <source>Late and missed doses</source>
        <translation>延迟与漏给药</translation>
    </message>
    <message>
        <source>Late: a scheduled dose given more than %1 min after its time; missed: a due time of a verified order with nothing recorded when its window closed. Source: ISMP guidelines for timely administration of scheduled medications (2011).</source>
        <translation>延迟：定时给药晚于规定时间 %1 分钟以上；漏给：已审核医嘱的应给药时间在时间窗结束时仍无任何记录。依据：ISMP 定时给药及时性指南（2011）。</translation>
    </message>
    <message>
        <source>Pharmacist verification turnaround</source>
        <translation>药师审核用时</translation>
    </message>
    <message>
        <source>Minutes from a medication order being placed to its verification or rejection: median and 90th percentile. Source: the order and pharmacy events.</source>
        <translation>药物医嘱从开立到药师审核通过或驳回的分钟数：中位数与第 90 百分位数。依据：医嘱与药房事件。</translation>
    </message>
    <message>
        <source>NEWS2 escalations answered in time</source>
        <translation>NEWS2 预警及时响应</translation>
    </message>
    <message>
        <source>Triggers: NEWS2 5-6 or 3 in one parameter (urgent), 7 or more (emergency), RCP NEWS2 2017. The RCP names no minutes: this hospital answers urgent within %1 min and emergency within %2 min. Answered: the first doctor's note or order within 24 h after the trigger (the system records no separate escalation answer).</source>
        <translation>触发：NEWS2 5-6 分或单项 3 分（紧急），7 分及以上（急救），依据英国皇家内科医师学会 NEWS2（2017）。该标准未规定分钟数：本院规定紧急 %1 分钟内、急救 %2 分钟内响应。响应：触发后 24 小时内医生的第一条病历或医嘱（系统没有单独的预警响应记录）。</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>比例</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>emergency</source>
        <translation>急救</translation>
    </message>
    <message>
        <source>Note timeliness by ward</source>
        <translation>各病区病历书写时限</translation>
    </message>
    <message>
        <source>Ward</source>
        <translation>病区</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>病历</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>按时</translation>
    </message>
    <message>
        <source>Note timeliness by doctor</source>
        <translation>各医生病历书写时限</translation>
    </message>
    <message>
        <source>Doctor</source>
        <translation>医生</translation>
    </message>
    <message>
        <source>Overrides by rule</source>
        <translation>各规则强制通过情况</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>提示数</translation>
    </message>
    <message>
        <source>Overridden</source>
        <translation>强制通过</translation>
    </message>
    <message>
        <source>Override rate</source>
        <translation>强制通过率</translation>
    </message>
    <message>
        <source>Overrides by person</source>
        <translation>各人员强制通过情况</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Scans by ward</source>
        <translation>各病区扫码情况</translation>
    </message>
    <message>
        <source>Doses given</source>
        <translation>已给药次数</translation>
    </message>
    <message>
        <source>Scanned</source>
        <translation>已扫码</translation>
    </message>
    <message>
        <source>Unable to scan</source>
        <translation>无法扫码</translation>
    </message>
    <message>
        <source>Scans by nurse</source>
        <translation>各护士扫码情况</translation>
    </message>
    <message>
        <source>Nurse</source>
        <translation>护士</translation>
    </message>
    <message>
        <source>Late and missed doses by ward</source>
        <translation>各病区延迟与漏给药</translation>
    </message>
    <message>
        <source>Scheduled doses given</source>
        <translation>已给定时剂量</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>Late share</source>
        <translation>延迟比例</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>漏给</translation>
    </message>
    <message>
        <source>Verification turnaround by ward</source>
        <translation>各病区药师审核用时</translation>
    </message>
    <message>
        <source>Orders checked</source>
        <translation>已审核医嘱</translation>
    </message>
    <message>
        <source>Median (min)</source>
        <translation>中位数（分钟）</translation>
    </message>
    <message>
        <source>90th percentile (min)</source>
        <translation>第 90 百分位数（分钟）</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>NEWS2 escalations by ward</source>
        <translation>各病区 NEWS2 预警</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>响应级别</translation>
    </message>
    <message>
        <source>Triggers</source>
        <translation>触发次数</translation>
    </message>
    <message>
        <source>Answered in time</source>
        <translation>及时响应</translation>
    </message>
    <message>
        <source>Answered late</source>
        <translation>响应延迟</translation>
    </message>
    <message>
        <source>Unanswered</source>
        <translation>未响应</translation>
    </message>
    <message>
        <source>From %1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <source>Notes on time (%)</source>
        <translation>按时完成的病历（%）</translation>
    </message>
    <message>
        <source>Alerts and overrides by rule</source>
        <translation>各规则提示与强制通过</translation>
    </message>
</context>
<context>
    <name>FlowTab</name>
    <message>
        <source>Patient flow</source>
        <translation>入出转</translation>
    </message>
    <message>
        <source>Admissions</source>
        <translation>入院</translation>
    </message>
    <message>
        <source>Discharges</source>
        <translation>出院</translation>
    </message>
    <message>
        <source>Transfers in</source>
        <translation>转入</translation>
    </message>
    <message>
        <source>Transfers out</source>
        <translation>转出</translation>
    </message>
    <message>
        <source>Holt-Winters (weekly)</source>
        <translation>Holt-Winters（周季节）</translation>
    </message>
    <message>
        <source>seasonal naive (same weekday)</source>
        <translation>季节朴素法（上周同日）</translation>
    </message>
    <message>
        <source>none (too little history)</source>
        <translation>无（历史数据不足）</translation>
    </message>
    <message>
        <source>Movements by hour of day</source>
        <translation>按时段的入出转</translation>
    </message>
    <message>
        <source>Movements by day of week</source>
        <translation>按星期的入出转</translation>
    </message>
    <message>
        <source>Occupancy at midnight (% of beds)</source>
        <translation>零点床位使用率（%）</translation>
    </message>
    <message>
        <source>Length of stay (days, stays ended in the period)</source>
        <translation>住院日（天，期间内出院者）</translation>
    </message>
    <message>
        <source>Stays</source>
        <translation>人次</translation>
    </message>
    <message>
        <source>Census and 7-day forecast (band: ± held-out error)</source>
        <translation>在院人数及7天预测（区间：±留出周误差）</translation>
    </message>
    <message>
        <source>Census</source>
        <translation>在院人数</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>下限</translation>
    </message>
    <message>
        <source>High</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>Census at midnight: %1 of %2 beds.</source>
        <translation>零点在院：%1人，床位%2张。</translation>
    </message>
    <message>
        <source>Stays ended: %1, median %2 days (IQR %3–%4).</source>
        <translation>出院%1人次，住院日中位数%2天（四分位距%3–%4）。</translation>
    </message>
    <message>
        <source>Forecast: %1.</source>
        <translation>预测模型：%1。</translation>
    </message>
    <message>
        <source>Flow by hour</source>
        <translation>按时段入出转</translation>
    </message>
    <message>
        <source>Hour</source>
        <translation>时</translation>
    </message>
    <message>
        <source>Flow by weekday</source>
        <translation>按星期入出转</translation>
    </message>
    <message>
        <source>Weekday</source>
        <translation>星期</translation>
    </message>
    <message>
        <source>Occupancy</source>
        <translation>床位使用</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>census</source>
        <translation>在院</translation>
    </message>
    <message>
        <source>Length of stay</source>
        <translation>住院日</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>Median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <source>Q1</source>
        <translation>下四分位数</translation>
    </message>
    <message>
        <source>Q3</source>
        <translation>上四分位数</translation>
    </message>
    <message>
        <source>Census forecast</source>
        <translation>在院人数预测</translation>
    </message>
    <message>
        <source>Forecast error</source>
        <translation>预测误差</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>MAE (patients)</source>
        <translation>平均绝对误差（人）</translation>
    </message>
    <message>
        <source>MAPE (%)</source>
        <translation>平均绝对百分比误差（%）</translation>
    </message>
    <message>
        <source>Held-out weeks</source>
        <translation>留出周数</translation>
    </message>
    <message>
        <source>%1, MAE %2 patients, MAPE %3%</source>
        <translation>%1平均绝对误差%2人、平均绝对百分比误差%3%</translation>
    </message>
    <message>
        <source>Error on %1 held-out weeks:</source>
        <translation>留出%1周的误差：</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>.</source>
        <translation>。</translation>
    </message>
</context>
<context>
    <name>FeedbackController</name>
    <message>
        <source>Anonymous &amp;feedback…</source>
        <translation>匿名意见(&amp;F)…</translation>
    </message>
    <message>
        <source>Feedback boa&amp;rd</source>
        <translation>意见公告板(&amp;R)</translation>
    </message>
    <message>
        <source>Thank you. Your feedback will be sent anonymously within the hour.</source>
        <translation>谢谢。您的意见将在一小时内匿名发送。</translation>
    </message>
    <message>
        <source>Fetching the feedback…</source>
        <translation>正在获取意见…</translation>
    </message>
    <message>
        <source>The feedback board is kept on the server, which cannot be reached now.</source>
        <translation>意见公告板保存在服务器上，目前无法连接服务器。</translation>
    </message>
    <message>
        <source>The server refused: %1</source>
        <translation>服务器拒绝：%1</translation>
    </message>
</context>
<context>
    <name>FeedbackView</name>
    <message>
        <source>Hard to use</source>
        <translation>不好用</translation>
    </message>
    <message>
        <source>Slow</source>
        <translation>太慢</translation>
    </message>
    <message>
        <source>An error or a wrong result</source>
        <translation>出错或结果不对</translation>
    </message>
    <message>
        <source>Something missing</source>
        <translation>缺少功能</translation>
    </message>
    <message>
        <source>A safety concern</source>
        <translation>安全隐患</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Anonymous feedback</source>
        <translation>匿名意见</translation>
    </message>
    <message>
        <source>What does not work, or what would help? No patient names, please.</source>
        <translation>哪里不好用，或者什么会有帮助？请勿写患者姓名。</translation>
    </message>
    <message>
        <source>Sent without your name, this computer or the time: only the day, and your ward where at least five people work there. It leaves this computer at a random moment within the hour, also after a loss of the network. Ctrl+Enter sends, Esc cancels.</source>
        <translation>发送时不带您的姓名、本机或时间：只有日期；病区至少有五人时才带上病区。意见在一小时内的随机时刻离开本机，断网后恢复时也会发送。Ctrl+Enter 发送，Esc 取消。</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Ward</source>
        <translation>病区</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答复</translation>
    </message>
    <message>
        <source>tags, separated by commas</source>
        <translation>标签，用逗号分隔</translation>
    </message>
    <message>
        <source>&amp;Save the answer (Ctrl+Enter)</source>
        <translation>保存答复(&amp;S)（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Anonymous feedback board: what staff said and what the quality office answered (F5 reloads, F4 writes one)</source>
        <translation>匿名意见公告板：员工的意见和质控办的答复（F5 刷新，F4 写意见）</translation>
    </message>
    <message>
        <source>%1 item(s).</source>
        <translation>%1 条。</translation>
    </message>
</context>
<context>
    <name>UsageTab</name>
    <message>
        <source>Costly screen</source>
        <translation>费力的界面</translation>
    </message>
    <message>
        <source>Never used</source>
        <translation>从未使用</translation>
    </message>
    <message>
        <source>What to fix next</source>
        <translation>下一步要改进的</translation>
    </message>
    <message>
        <source>Active users</source>
        <translation>活跃用户</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>功能</translation>
    </message>
    <message>
        <source>Screens</source>
        <translation>界面</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>使用情况</translation>
    </message>
    <message>
        <source>Since %1: %2 user(s) active in the latest week, %3 action(s) never used.</source>
        <translation>自 %1 起：最近一周有 %2 名活跃用户，%3 项功能从未使用。</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户数</translation>
    </message>
    <message>
        <source>Count or keys per visit</source>
        <translation>次数或每次按键数</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>功能</translation>
    </message>
    <message>
        <source>Uses</source>
        <translation>使用次数</translation>
    </message>
    <message>
        <source>Screen</source>
        <translation>界面</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>访问次数</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>分钟</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键数</translation>
    </message>
    <message>
        <source>Keys per visit</source>
        <translation>每次按键数</translation>
    </message>
    <message>
        <source>Seconds per visit</source>
        <translation>每次秒数</translation>
    </message>
    <message>
        <source>Version or error</source>
        <translation>版本或错误</translation>
    </message>
    <message>
        <source>Sessions or users</source>
        <translation>会话数或用户数</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Active users per day</source>
        <translation>每日活跃用户</translation>
    </message>
    <message>
        <source>Screens: minutes and keys per visit</source>
        <translation>界面：分钟数与每次按键数</translation>
    </message>
    <message>
        <source>Crash</source>
        <translation>崩溃</translation>
    </message>
    <message>
        <source>Failure shown to the user</source>
        <translation>提示给用户的失败</translation>
    </message>
    <message>
        <source>Crashes or times</source>
        <translation>崩溃数或次数</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Crashes per 100 sessions</source>
        <translation>每百次会话崩溃数</translation>
    </message>
</context>
<context>
    <name>Icons</name>
    <message>
        <source>High-alert</source>
        <translation>高警示</translation>
    </message>
</context>
<context>
    <name>VitalsPane</name>
    <message>
        <source>&amp;Flowsheet</source>
        <translation>流程表(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Trend</source>
        <translation>趋势图(&amp;T)</translation>
    </message>
</context>
<context>
    <name>ScreenNames</name>
    <message>
        <source>Ward census</source>
        <translation>病区一览</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>病历</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>病程</translation>
    </message>
    <message>
        <source>Note editor</source>
        <translation>病历编辑</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>医嘱</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>检验</translation>
    </message>
    <message>
        <source>Vital signs</source>
        <translation>生命体征</translation>
    </message>
    <message>
        <source>Vital signs entry</source>
        <translation>生命体征录入</translation>
    </message>
    <message>
        <source>Medication administration</source>
        <translation>给药记录</translation>
    </message>
    <message>
        <source>Nursing worklist</source>
        <translation>护理任务</translation>
    </message>
    <message>
        <source>Front sheet</source>
        <translation>病案首页</translation>
    </message>
    <message>
        <source>Pharmacy</source>
        <translation>药房</translation>
    </message>
    <message>
        <source>Order verification</source>
        <translation>医嘱审核</translation>
    </message>
    <message>
        <source>Outpatient counter</source>
        <translation>门诊发药窗口</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>退药</translation>
    </message>
    <message>
        <source>Ward pick list</source>
        <translation>病区摆药单</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>警示</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>管理看板</translation>
    </message>
    <message>
        <source>Patient flow</source>
        <translation>入出转</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>质控</translation>
    </message>
    <message>
        <source>Staffing</source>
        <translation>排班</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>使用情况</translation>
    </message>
    <message>
        <source>Nurse roster</source>
        <translation>护士排班</translation>
    </message>
    <message>
        <source>Prescribing rights</source>
        <translation>处方权限</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Command palette</source>
        <translation>命令面板</translation>
    </message>
    <message>
        <source>Formulary import</source>
        <translation>处方集导入</translation>
    </message>
    <message>
        <source>Admission</source>
        <translation>入院登记</translation>
    </message>
    <message>
        <source>Patient handoff</source>
        <translation>患者交接</translation>
    </message>
    <message>
        <source>Shift handover</source>
        <translation>交接班</translation>
    </message>
    <message>
        <source>Ward handoff</source>
        <translation>病区交接班</translation>
    </message>
    <message>
        <source>Closed loop</source>
        <translation>闭环核对</translation>
    </message>
    <message>
        <source>Infusion round</source>
        <translation>输液巡视</translation>
    </message>
    <message>
        <source>Nursing record</source>
        <translation>护理记录</translation>
    </message>
    <message>
        <source>Intake and output</source>
        <translation>出入量</translation>
    </message>
    <message>
        <source>Skin test</source>
        <translation>皮试</translation>
    </message>
    <message>
        <source>Consultation</source>
        <translation>会诊</translation>
    </message>
    <message>
        <source>Risk assessment</source>
        <translation>风险评估</translation>
    </message>
    <message>
        <source>Barthel index</source>
        <translation>Barthel 指数评定</translation>
    </message>
    <message>
        <source>Adverse event report</source>
        <translation>不良事件上报</translation>
    </message>
    <message>
        <source>Print preview</source>
        <translation>打印预览</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>Feedback board</source>
        <translation>意见公告板</translation>
    </message>
    <message>
        <source>Antibiotic stewardship</source>
        <translation>抗菌药物管理</translation>
    </message>
    <message>
        <source>Problem list</source>
        <translation>问题列表</translation>
    </message>
    <message>
        <source>Nursing level</source>
        <translation>护理级别</translation>
    </message>
    <message>
        <source>Opioid tolerance</source>
        <translation>阿片类药物耐受</translation>
    </message>
    <message>
        <source>Break the glass</source>
        <translation>紧急授权（破窗）</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Demo users</source>
        <translation>演示用户</translation>
    </message>
    <message>
        <source>Receive stock</source>
        <translation>药品入库</translation>
    </message>
    <message>
        <source>Ward receipt</source>
        <translation>病区签收</translation>
    </message>
    <message>
        <source>Shift pattern</source>
        <translation>班次模式</translation>
    </message>
    <message>
        <source>Roster shift</source>
        <translation>排班班次</translation>
    </message>
    <message>
        <source>Addendum</source>
        <translation>补充记录</translation>
    </message>
    <message>
        <source>New note</source>
        <translation>新建病历</translation>
    </message>
    <message>
        <source>Unlock requests</source>
        <translation>解封申请</translation>
    </message>
    <message>
        <source>Rule statistics</source>
        <translation>规则统计</translation>
    </message>
    <message>
        <source>Main window</source>
        <translation>主窗口</translation>
    </message>
</context>
</TS>
