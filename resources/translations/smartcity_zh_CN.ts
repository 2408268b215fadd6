<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AgreementDialog</name>
    <message>
        <source>Check {n}</source>
        <translation>核查 {n}</translation>
    </message>
    <message>
        <source>{done} of {total} cells entered</source>
        <translation>已录入 {done}/{total} 个单元格</translation>
    </message>
    <message>
        <source>No check yet: choose how many cells to sample (and a name), then press “Sample”.</source>
        <translation>还没有核查：请选择要抽取的单元格数（并填写名称），然后点击“抽样”。</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Evaluator</source>
        <translation>评估员</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Export agreement report</source>
        <translation>导出一致性报告</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Indicator / evaluator</source>
        <translation>指标 / 评估员</translation>
    </message>
    <message>
        <source>Pairs</source>
        <translation>对数</translation>
    </message>
    <message>
        <source>Exact agreement</source>
        <translation>完全一致率</translation>
    </message>
    <message>
        <source>Mean difference (of the range)</source>
        <translation>平均差异（占取值范围）</translation>
    </message>
    <message>
        <source>Cohen&apos;s kappa</source>
        <translation>Cohen κ 系数</translation>
    </message>
    <message>
        <source>Second-evaluator check</source>
        <translation>第二评估员核查</translation>
    </message>
    <message>
        <source>Check:</source>
        <translation>核查：</translation>
    </message>
    <message>
        <source>New check:</source>
        <translation>新建核查：</translation>
    </message>
    <message>
        <source>Cells:</source>
        <translation>单元格数：</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>抽样</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Blind entry</source>
        <translation>盲录</translation>
    </message>
    <message>
        <source>Agreement report</source>
        <translation>一致性报告</translation>
    </message>
    <message>
        <source>Enter each sampled cell again from the sources, without looking at the data entered first. Only someone who did not enter a cell may check it.</source>
        <translation>请根据原始来源重新录入每个抽中的单元格，不要查看首次录入的数据。只有未录入该单元格的人员才能核查它。</translation>
    </message>
    <message>
        <source>Per indicator and per first evaluator: the share of cells entered identically, the mean difference as a share of the indicator&apos;s range, and Cohen&apos;s kappa for rating and yes/no indicators (“—”: cannot be computed for these pairs).</source>
        <translation>按指标和首次录入的评估员分别列出：录入完全相同的单元格比例、平均差异占指标取值范围的比例，以及评分类和是/否类指标的 Cohen κ 系数（“—”表示这些数据对无法计算）。</translation>
    </message>
    <message>
        <source>The report fills in as the sampled cells are entered on “Blind entry”.</source>
        <translation>在“盲录”页录入抽中的单元格后，这里会显示报告。</translation>
    </message>
    <message>
        <source>The same seed and number of cells sample the same cells again.</source>
        <translation>随机种子和单元格数相同，抽中的单元格也相同（便于重复核查）。</translation>
    </message>
    <message>
        <source>How many filled cells to sample for the check.</source>
        <translation>本次核查要抽取多少个已填写的单元格。</translation>
    </message>
</context>
<context>
    <name>AhpPage</name>
    <message>
        <source>Node:</source>
        <translation>节点：</translation>
    </message>
    <message>
        <source>The node whose children are compared</source>
        <translation>对其下级指标进行两两比较的节点</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>方法：</translation>
    </message>
    <message>
        <source>Random index:</source>
        <translation>随机一致性指标：</translation>
    </message>
    <message>
        <source>Matrix:</source>
        <translation>判断矩阵：</translation>
    </message>
    <message>
        <source>Principal eigenvector (Saaty)</source>
        <translation>主特征向量法（Saaty）</translation>
    </message>
    <message>
        <source>Row geometric mean</source>
        <translation>行几何平均法</translation>
    </message>
    <message>
        <source>, n ≤ 10</source>
        <translation>，n ≤ 10</translation>
    </message>
    <message>
        <source>, n ≤ 15</source>
        <translation>，n ≤ 15</translation>
    </message>
    <message>
        <source>Add expert</source>
        <translation>添加专家</translation>
    </message>
    <message>
        <source>Another expert&apos;s matrix; all are combined by the geometric mean</source>
        <translation>再添加一位专家的判断矩阵；所有矩阵按几何平均合成</translation>
    </message>
    <message>
        <source>Remove expert</source>
        <translation>移除专家</translation>
    </message>
    <message>
        <source>Start from current weights</source>
        <translation>从当前权重生成</translation>
    </message>
    <message>
        <source>Fill this matrix with the judgements closest to the weights in use</source>
        <translation>按当前使用的权重，填入与之最接近的判断值</translation>
    </message>
    <message>
        <source>Use suggested value</source>
        <translation>采用建议值</translation>
    </message>
    <message>
        <source>Apply to framework</source>
        <translation>应用到指标体系</translation>
    </message>
    <message>
        <source>Set the children&apos;s weights in the indicator system (one undo step)</source>
        <translation>设置指标体系中下级指标的权重（可一步撤销）</translation>
    </message>
    <message>
        <source>Save as weight set…</source>
        <translation>另存为权重方案…</translation>
    </message>
    <message>
        <source>Read each cell as “how much more important is the row than the column”: 1 equal, 3 moderately, 5 strongly, 7 very strongly, 9 extremely more important (2, 4, 6, 8 in between); 1/3 … 1/9 when the column is more important. Edit above the diagonal; below it are the reciprocals.</source>
        <translation>每个单元格表示“行指标相对列指标的重要程度”：1 同等重要，3 稍微重要，5 明显重要，7 强烈重要，9 极端重要（2、4、6、8 为中间值）；列指标更重要时取 1/3 … 1/9。请编辑对角线以上部分，对角线以下自动取倒数。</translation>
    </message>
    <message>
        <source>Expert {n}</source>
        <translation>专家 {n}</translation>
    </message>
    <message>
        <source>Combined (geometric mean)</source>
        <translation>合成（几何平均）</translation>
    </message>
    <message>
        <source>Choose a node with at least two children.</source>
        <translation>请选择至少有两个下级指标的节点。</translation>
    </message>
    <message>
        <source>Most inconsistent judgement: {a} / {b} = {value}. The other judgements imply about {ratio} (nearest scale value {suggestion}).</source>
        <translation>最不一致的判断：{a} / {b} = {value}。其他判断推算约为 {ratio}（最接近的标度值为 {suggestion}）。</translation>
    </message>
    <message>
        <source>The judgements are inconsistent (CR = {cr} ≥ 0.1). Use these weights anyway?</source>
        <translation>判断不一致（CR = {cr} ≥ 0.1）。仍要使用这些权重吗？</translation>
    </message>
    <message>
        <source>AHP</source>
        <translation>层次分析法</translation>
    </message>
    <message>
        <source>AHP weights under {code}</source>
        <translation>{code} 下的 AHP 权重</translation>
    </message>
    <message>
        <source>Applied to the indicator system (Undo: Ctrl+Z).</source>
        <translation>已应用到指标体系（撤销：Ctrl+Z）。</translation>
    </message>
    <message>
        <source>Applied to the indicator system. The scores use the weight set “{name}”; choose “Framework weights” on the Weight sets page to score with these.</source>
        <translation>已应用到指标体系。当前评分使用权重方案“{name}”；如需按这些权重评分，请在“权重方案”页选择“指标体系权重”。</translation>
    </message>
    <message>
        <source>Saved as weight set “{name}”.</source>
        <translation>已另存为权重方案“{name}”。</translation>
    </message>
</context>
<context>
    <name>AhpResults</name>
    <message>
        <source>Combined (geometric mean of {n} experts): CR = {cr}</source>
        <translation>合成（{n} 位专家的几何平均）：CR = {cr}</translation>
    </message>
    <message>
        <source>The combined weights are the ones applied or saved.</source>
        <translation>应用或保存的是合成后的权重。</translation>
    </message>
    <message>
        <source>AHP</source>
        <translation>AHP</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>AHP weights</source>
        <translation>AHP 权重</translation>
    </message>
    <message>
        <source>Judgements</source>
        <translation>判断矩阵</translation>
    </message>
    <message>
        <source>Combined matrix</source>
        <translation>合成矩阵</translation>
    </message>
    <message>
        <source>Expert {n}</source>
        <translation>专家 {n}</translation>
    </message>
    <message>
        <source>acceptable (CR &lt; {limit})</source>
        <translation>可接受（CR &lt; {limit}）</translation>
    </message>
    <message>
        <source>inconsistent (CR ≥ {limit}): revise the judgements</source>
        <translation>不一致（CR ≥ {limit}）：请修改判断</translation>
    </message>
    <message>
        <source>eigenvector</source>
        <translation>特征向量法</translation>
    </message>
    <message>
        <source>geometric mean</source>
        <translation>几何平均法</translation>
    </message>
    <message>
        <source>λmax = {lam} · CI = {ci} · RI = {ri} (random-index table {table})</source>
        <translation>λmax = {lam} · CI = {ci} · RI = {ri}（随机一致性指标表 {table}）</translation>
    </message>
    <message>
        <source>Weight (% of the parent)</source>
        <translation>权重（占上级指标 %）</translation>
    </message>
    <message>
        <source>Combined</source>
        <translation>合成</translation>
    </message>
    <message>
        <source>consistent</source>
        <translation>一致</translation>
    </message>
    <message>
        <source>inconsistent</source>
        <translation>不一致</translation>
    </message>
    <message>
        <source>Matrix</source>
        <translation>矩阵</translation>
    </message>
    <message>
        <source>Consistency</source>
        <translation>一致性</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>准则</translation>
    </message>
    <message>
        <source>AHP weight</source>
        <translation>AHP 权重</translation>
    </message>
    <message>
        <source>The weights these judgements give (share of the parent)</source>
        <translation>由这些判断得出的权重（占上级指标的比例）</translation>
    </message>
    <message>
        <source>The weights the scores use now (the active weight set&apos;s or the framework&apos;s)</source>
        <translation>评分当前使用的权重（当前权重方案或指标体系的权重）</translation>
    </message>
</context>
<context>
    <name>AnalysisTab</name>
    <message>
        <source>Report figure {numbers}</source>
        <translation>对应报告图 {numbers}</translation>
    </message>
    <message>
        <source>City profile</source>
        <translation>城市画像</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>Saved {name}</source>
        <translation>已保存 {name}</translation>
    </message>
    <message>
        <source>City:</source>
        <translation>城市：</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <source>Export SVG…</source>
        <translation>导出 SVG…</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <source>Cannot open this workspace</source>
        <translation>无法打开此工作区</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <source>Save a copy</source>
        <translation>另存副本</translation>
    </message>
    <message>
        <source>Cannot save a copy</source>
        <translation>无法另存副本</translation>
    </message>
    <message>
        <source>Copy saved to {path}</source>
        <translation>副本已保存到 {path}</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>Indicators</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Correlations</source>
        <translation>相关性</translation>
    </message>
    <message>
        <source>Cronbach&apos;s α</source>
        <translation>Cronbach&apos;s α</translation>
    </message>
    <message>
        <source>Cronbach&apos;s α of each node over its children&apos;s scores (cities with all of them). α ≥ {good} is usually read as the children measuring one thing.</source>
        <translation>各节点基于其下级指标得分的 Cronbach&apos;s α（仅计入各下级指标均有得分的城市）。α ≥ {good} 通常表示这些下级指标测量的是同一维度。</translation>
    </message>
    <message>
        <source>low availability</source>
        <translation>数据可用率低</translation>
    </message>
    <message>
        <source>many zeros</source>
        <translation>零值过多</translation>
    </message>
    <message>
        <source>few distinct values</source>
        <translation>不同取值过少</translation>
    </message>
    <message>
        <source>outliers (skewness and kurtosis)</source>
        <translation>存在异常值（偏度和峰度）</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>SD</source>
        <translation>标准差</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>最小值</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>Skewness</source>
        <translation>偏度</translation>
    </message>
    <message>
        <source>Kurtosis</source>
        <translation>峰度</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>Cities with a value</source>
        <translation>有数值的城市数</translation>
    </message>
    <message>
        <source>Share of cities without a value</source>
        <translation>无数值城市所占比例</translation>
    </message>
    <message>
        <source>Sample standard deviation (n − 1)</source>
        <translation>样本标准差（n − 1）</translation>
    </message>
    <message>
        <source>Bias-corrected sample skewness</source>
        <translation>偏差校正后的样本偏度</translation>
    </message>
    <message>
        <source>Bias-corrected excess kurtosis</source>
        <translation>偏差校正后的超额峰度</translation>
    </message>
    <message>
        <source>COINr&apos;s flags: availability &lt; 65 %, non-zero &lt; 50 %, distinct values &lt; 50 %, |skewness| &gt; 2 and kurtosis &gt; 3.5</source>
        <translation>COINr 的标记规则：可用率 &lt; 65 %，非零值 &lt; 50 %，不同取值 &lt; 50 %，|偏度| &gt; 2 且峰度 &gt; 3.5</translation>
    </message>
    <message>
        <source>{n} indicators over {cities} cities (the reconciled raw values); {flagged} flagged.</source>
        <translation>{n} 项指标、{cities} 个城市（合并后的原始值）；{flagged} 项被标记。</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>下级指标</translation>
    </message>
    <message>
        <source>Cronbach&apos;s α per node</source>
        <translation>各节点的 Cronbach&apos;s α</translation>
    </message>
</context>
<context>
    <name>AuditTab</name>
    <message>
        <source>All evaluators</source>
        <translation>全部评估员</translation>
    </message>
    <message>
        <source>All teams</source>
        <translation>全部小组</translation>
    </message>
    <message>
        <source>All cities</source>
        <translation>全部城市</translation>
    </message>
    <message>
        <source>All indicators</source>
        <translation>全部指标</translation>
    </message>
    <message>
        <source>{count} changes</source>
        <translation>{count} 条变更</translation>
    </message>
    <message>
        <source>No change matches these filters</source>
        <translation>没有符合筛选条件的变更</translation>
    </message>
    <message>
        <source>Export the audit trail</source>
        <translation>导出审计记录</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>any day</source>
        <translation>不限日期</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更项</translation>
    </message>
    <message>
        <source>Old → new</source>
        <translation>原值 → 新值</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>created</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>restored</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>date observed</source>
        <translation>观测日期</translation>
    </message>
    <message>
        <source>source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>ticked items</source>
        <translation>勾选项</translation>
    </message>
    <message>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>{n} items</source>
        <translation>{n} 项</translation>
    </message>
</context>
<context>
    <name>AuditTexts</name>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>小组</translation>
    </message>
    <message>
        <source>When ({zone})</source>
        <translation>时间（{zone}）</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Concerns</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更内容</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>workspace</source>
        <translation>工作区</translation>
    </message>
    <message>
        <source>indicator system</source>
        <translation>指标体系</translation>
    </message>
    <message>
        <source>indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>city</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>campaign</source>
        <translation>评估轮次</translation>
    </message>
    <message>
        <source>observation</source>
        <translation>观测记录</translation>
    </message>
    <message>
        <source>attachment</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>field package</source>
        <translation>外业数据包</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>疑似重复</translation>
    </message>
    <message>
        <source>second-evaluator check</source>
        <translation>第二评估员核查</translation>
    </message>
    <message>
        <source>decided</source>
        <translation>已裁定</translation>
    </message>
    <message>
        <source>created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>已修改</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>restored</source>
        <translation>已恢复</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Restore as a new file…</source>
        <translation>恢复为新文件…</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>保存时间</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Observations</source>
        <translation>观测记录</translation>
    </message>
    <message>
        <source>Copied from</source>
        <translation>复制自</translation>
    </message>
    <message>
        <source>A copy of the workspace is kept each time it is opened. Restoring writes the chosen copy as a new file and opens it; the current file is kept.</source>
        <translation>每次打开工作区时都会保留一份副本。恢复时将所选副本写入一个新文件并打开；当前文件保持不变。</translation>
    </message>
    <message>
        <source>damaged</source>
        <translation>已损坏</translation>
    </message>
    <message>
        <source>There are no backups of this workspace yet.</source>
        <translation>此工作区尚无备份。</translation>
    </message>
    <message>
        <source>This copy cannot be restored: {why}</source>
        <translation>此副本无法恢复：{why}</translation>
    </message>
    <message>
        <source>Restore as</source>
        <translation>恢复为</translation>
    </message>
</context>
<context>
    <name>ChartWidget</name>
    <message>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>Save this chart as a PNG image or an SVG drawing</source>
        <translation>将此图表保存为 PNG 图片或 SVG 矢量图</translation>
    </message>
    <message>
        <source>Export as PNG…</source>
        <translation>导出为 PNG…</translation>
    </message>
    <message>
        <source>Export as SVG…</source>
        <translation>导出为 SVG…</translation>
    </message>
    <message>
        <source>Point at the chart to read exact values.</source>
        <translation>将鼠标指向图表可查看精确数值。</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Could not export the chart: {error}</source>
        <translation>无法导出图表：{error}</translation>
    </message>
</context>
<context>
    <name>CheckCellsModel</name>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Your value</source>
        <translation>您的数值</translation>
    </message>
</context>
<context>
    <name>ChecklistEditor</name>
    <message>
        <source>Stored count {n} has no item list; tick the items to replace it</source>
        <translation>已存数量 {n} 没有对应的项目清单；请勾选项目以替换</translation>
    </message>
</context>
<context>
    <name>CityListModel</name>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成度</translation>
    </message>
    <message>
        <source>{city}
{percent}% of the indicators have a value</source>
        <translation>{city}
{percent}% 的指标已有数值</translation>
    </message>
</context>
<context>
    <name>CityListPanel</name>
    <message>
        <source>All provinces</source>
        <translation>全部省份</translation>
    </message>
    <message>
        <source>All economic circles</source>
        <translation>全部经济圈</translation>
    </message>
    <message>
        <source>Find a city (中文 or English)</source>
        <translation>查找城市（中文或英文）</translation>
    </message>
    <message>
        <source>Filter the cities by Chinese or English name</source>
        <translation>按中文或英文名称筛选城市</translation>
    </message>
    <message>
        <source>Show the cities of one province</source>
        <translation>仅显示某一省份的城市</translation>
    </message>
    <message>
        <source>Show the cities of one economic circle</source>
        <translation>仅显示某一经济圈的城市</translation>
    </message>
</context>
<context>
    <name>ConflictReviewDialog</name>
    <message>
        <source>Give a reason for the decision first.</source>
        <translation>请先填写裁定原因。</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Differs in</source>
        <translation>不同之处</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Evaluator</source>
        <translation>评估员</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Observation it duplicates</source>
        <translation>与之重复的观测记录</translation>
    </message>
    <message>
        <source>Held back</source>
        <translation>暂缓并入</translation>
    </message>
    <message>
        <source>In the master</source>
        <translation>主工作区中</translation>
    </message>
    <message>
        <source>From the package</source>
        <translation>数据包中</translation>
    </message>
    <message>
        <source>&amp;Reason (kept in the audit trail):</source>
        <translation>原因（记入审计记录）(&amp;R)：</translation>
    </message>
    <message>
        <source>Nothing to review: the merged packages brought no conflicts and no duplicate candidates (or all have been decided).</source>
        <translation>没有需要审查的内容：已合并的数据包没有带来冲突或疑似重复（或均已裁定）。</translation>
    </message>
    <message>
        <source>Keep the &amp;master&apos;s</source>
        <translation>保留主工作区版本(&amp;M)</translation>
    </message>
    <message>
        <source>Keep the &amp;package&apos;s</source>
        <translation>保留数据包版本(&amp;P)</translation>
    </message>
    <message>
        <source>Keep &amp;both</source>
        <translation>两者都保留(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Dismiss as a duplicate</source>
        <translation>作为重复项舍弃(&amp;D)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>When ({zone})</source>
        <translation>时间（{zone}）</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更内容</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>History of the observation it duplicates</source>
        <translation>被重复观测记录的历史</translation>
    </message>
    <message>
        <source>History of the held-back observation</source>
        <translation>暂缓并入观测记录的历史</translation>
    </message>
    <message>
        <source>History in the master</source>
        <translation>主工作区中的历史</translation>
    </message>
    <message>
        <source>History from the package</source>
        <translation>数据包中的历史</translation>
    </message>
    <message>
        <source>Conflicts ({n})</source>
        <translation>冲突（{n}）</translation>
    </message>
    <message>
        <source>Duplicates ({n})</source>
        <translation>疑似重复（{n}）</translation>
    </message>
    <message>
        <source>Review conflicts and duplicates</source>
        <translation>审查冲突与疑似重复</translation>
    </message>
    <message>
        <source>Package version:</source>
        <translation>数据包版本：</translation>
    </message>
    <message>
        <source>e.g. the statistics yearbook confirms 38.2</source>
        <translation>例如：统计年鉴证实为 38.2</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>CorrelationPanel</name>
    <message>
        <source>Correlation:</source>
        <translation>相关系数：</translation>
    </message>
    <message>
        <source>Rows:</source>
        <translation>行：</translation>
    </message>
    <message>
        <source>Columns:</source>
        <translation>列：</translation>
    </message>
    <message>
        <source>Within:</source>
        <translation>范围：</translation>
    </message>
    <message>
        <source>the same level</source>
        <translation>同一层级</translation>
    </message>
    <message>
        <source>the level above (parents outlined)</source>
        <translation>上一层级（上级指标加框显示）</translation>
    </message>
    <message>
        <source>Flagged: pairs on one level with r &gt; 0.9 (redundant?) and nodes that correlate negatively with their parent.</source>
        <translation>标记：同一层级中 r &gt; 0.9 的指标对（可能冗余），以及与上级指标负相关的节点。</translation>
    </message>
    <message>
        <source>Indicators (level 1)</source>
        <translation>指标（第 1 级）</translation>
    </message>
    <message>
        <source>Level {n}</source>
        <translation>第 {n} 级</translation>
    </message>
    <message>
        <source>No nodes of this level in the chosen branch.</source>
        <translation>所选分支中没有该层级的节点。</translation>
    </message>
    <message>
        <source>{method} correlations</source>
        <translation>{method} 相关系数</translation>
    </message>
    <message>
        <source>redundant (r &gt; 0.9)</source>
        <translation>冗余（r &gt; 0.9）</translation>
    </message>
    <message>
        <source>negative with its parent</source>
        <translation>与上级指标负相关</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>With</source>
        <translation>相关对象</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>{n} among the nodes shown ({all} in all).</source>
        <translation>当前显示的节点中有 {n} 项（共 {all} 项）。</translation>
    </message>
</context>
<context>
    <name>CoverageTab</name>
    <message>
        <source>Entered {filled}/{cells} ({share}) · verified {verified}</source>
        <translation>已录入 {filled}/{cells}（{share}）· 已核实 {verified}</translation>
    </message>
    <message>
        <source>Show third level</source>
        <translation>显示三级指标</translation>
    </message>
    <message>
        <source>Double-click a cell to enter its data. Click a column header to show or hide its indicators. ✓ verified, ! observations disagree, – missing.</source>
        <translation>双击单元格录入数据；单击列标题展开或收起其下级指标。✓ 已核实，! 观测记录不一致，– 缺失。</translation>
    </message>
</context>
<context>
    <name>CoverageTexts</name>
    <message>
        <source>Missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>Discrepancy</source>
        <translation>不一致</translation>
    </message>
    <message>
        <source>Entered</source>
        <translation>已录入</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已核实</translation>
    </message>
    <message numerus="yes">
        <source>%n observation(s) used</source>
        <translation>
            <numerusform>使用了 %n 条观测记录</numerusform>
        </translation>
    </message>
    <message>
        <source>{filled}/{total} indicators entered</source>
        <translation>已录入 {filled}/{total} 项指标</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>{filled} of {cells} cells entered ({share})</source>
        <translation>已录入 {filled}/{cells} 个单元格（{share}）</translation>
    </message>
</context>
<context>
    <name>EntropyPage</name>
    <message>
        <source>Node:</source>
        <translation>节点：</translation>
    </message>
    <message>
        <source>Weights for:</source>
        <translation>计算对象：</translation>
    </message>
    <message>
        <source>Shift:</source>
        <translation>平移量：</translation>
    </message>
    <message>
        <source>Added to the standardised values before p_ij, so that no value is 0</source>
        <translation>计算 p_ij 前加到标准化值上，避免出现 0 值</translation>
    </message>
    <message>
        <source>its children</source>
        <translation>其下级指标</translation>
    </message>
    <message>
        <source>all leaf indicators under it</source>
        <translation>其下全部末级指标</translation>
    </message>
    <message>
        <source>multiplicative (AHP × entropy)</source>
        <translation>乘法合成（AHP × 熵权）</translation>
    </message>
    <message>
        <source>linear (share of AHP)</source>
        <translation>线性合成（按 AHP 占比）</translation>
    </message>
    <message>
        <source>Combine with this node&apos;s AHP weights:</source>
        <translation>与该节点的 AHP 权重组合：</translation>
    </message>
    <message>
        <source>Apply to framework</source>
        <translation>应用到指标体系</translation>
    </message>
    <message>
        <source>Save as weight set…</source>
        <translation>另存为权重方案…</translation>
    </message>
    <message>
        <source>AHP share: {share} %</source>
        <translation>AHP 占比：{share} %</translation>
    </message>
    <message>
        <source>Entropy weight</source>
        <translation>熵权</translation>
    </message>
    <message>
        <source>AHP weight</source>
        <translation>AHP 权重</translation>
    </message>
    <message>
        <source>Combined</source>
        <translation>组合权重</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Entropy e</source>
        <translation>熵值 e</translation>
    </message>
    <message>
        <source>Divergence d</source>
        <translation>差异系数 d</translation>
    </message>
    <message>
        <source>Weight (%)</source>
        <translation>权重（%）</translation>
    </message>
    <message>
        <source>Entropy weights</source>
        <translation>熵权</translation>
    </message>
    <message>
        <source>Data: the campaign&apos;s reconciled values of {n} cities (directions applied).</source>
        <translation>数据：本评估轮次 {n} 个城市合并后的数值（已按指标方向处理）。</translation>
    </message>
    <message>
        <source>Data: the children&apos;s scores for {n} cities (some children are aggregates).</source>
        <translation>数据：{n} 个城市各下级指标的得分（部分下级指标为汇总指标）。</translation>
    </message>
    <message>
        <source>Shift {shift}.</source>
        <translation>平移量 {shift}。</translation>
    </message>
    <message>
        <source>Entropy weights under {code}</source>
        <translation>{code} 下的熵权</translation>
    </message>
    <message>
        <source>Applied to the indicator system (Undo: Ctrl+Z).</source>
        <translation>已应用到指标体系（撤销：Ctrl+Z）。</translation>
    </message>
    <message>
        <source>Saved as weight set “{name}”.</source>
        <translation>已另存为权重方案“{name}”。</translation>
    </message>
</context>
<context>
    <name>EntryPanel</name>
    <message>
        <source>Choose a city, then an indicator</source>
        <translation>请先选择城市，再选择指标</translation>
    </message>
    <message>
        <source>{filled} of {total} indicators have a value. Choose one to enter it.</source>
        <translation>{total} 项指标中已有 {filled} 项有数值。请选择一项进行录入。</translation>
    </message>
    <message>
        <source>Observation {i} of {n} · {channel} · {who}</source>
        <translation>观测记录 {i}/{n} · {channel} · {who}</translation>
    </message>
    <message>
        <source>New observation: the value you enter creates it</source>
        <translation>新观测记录：输入数值即创建</translation>
    </message>
    <message>
        <source>No observation yet: the value you enter creates one</source>
        <translation>尚无观测记录：输入数值即创建</translation>
    </message>
    <message>
        <source>Number, {range}</source>
        <translation>数值，{range}</translation>
    </message>
    <message>
        <source>Rating: choose a level (keys 1–{n})</source>
        <translation>评级：选择一个等级（按键 1–{n}）</translation>
    </message>
    <message>
        <source>Yes or no (keys 1–2)</source>
        <translation>是或否（按键 1–2）</translation>
    </message>
    <message>
        <source>Checklist: tick what exists; the value is the count</source>
        <translation>清单：勾选已具备的项目，数值为勾选数量</translation>
    </message>
    <message>
        <source>; lower is better</source>
        <translation>；越低越好</translation>
    </message>
    <message>
        <source>{code} needs a reason: {why}</source>
        <translation>{code} 需要说明原因：{why}</translation>
    </message>
    <message>
        <source>A value cannot be emptied; set the status to Rejected to withdraw it</source>
        <translation>数值不能清空；如需撤回，请将状态设为“已退回”</translation>
    </message>
    <message>
        <source>type the reason for keeping this value</source>
        <translation>请输入保留此数值的原因</translation>
    </message>
    <message>
        <source>unusual value: give a reason, or change it</source>
        <translation>数值异常：请说明原因或修改数值</translation>
    </message>
    <message>
        <source>Saved {time}</source>
        <translation>已保存 {time}</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>未保存：{reason}</translation>
    </message>
    <message>
        <source>New observation</source>
        <translation>新建观测记录</translation>
    </message>
    <message>
        <source>Add another observation of this cell, e.g. from another channel</source>
        <translation>为此单元格再添加一条观测记录，例如来自其他渠道</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Reason for keeping this value (required)</source>
        <translation>保留此数值的原因（必填）</translation>
    </message>
    <message>
        <source>Keep value</source>
        <translation>保留数值</translation>
    </message>
    <message>
        <source>Each field is saved as soon as you leave it</source>
        <translation>离开字段时即自动保存</translation>
    </message>
</context>
<context>
    <name>EntryTab</name>
    <message>
        <source>{city} is complete: every indicator has a value.</source>
        <translation>{city} 已全部完成：所有指标均已有数值。</translation>
    </message>
    <message>
        <source>Last indicator of {city}; {n} indicators still have no value.</source>
        <translation>已是 {city} 的最后一项指标；仍有 {n} 项指标没有数值。</translation>
    </message>
    <message>
        <source>Tinted rows have no value yet; ⚠ marks observations that disagree</source>
        <translation>着色行尚无数值；⚠ 表示观测记录不一致</translation>
    </message>
</context>
<context>
    <name>ErrorBar</name>
    <message>
        <source>Not changed: {reason}</source>
        <translation>未修改：{reason}</translation>
    </message>
</context>
<context>
    <name>EvidenceBox</name>
    <message>
        <source>{name}
SHA-256: {sha}
Added {at} by {who}</source>
        <translation>{name}
SHA-256：{sha}
由 {who} 于 {at} 添加</translation>
    </message>
    <message>
        <source>Enter a value first; then attach files here.</source>
        <translation>请先录入数值，再在此处添加附件。</translation>
    </message>
    <message>
        <source>Not attached: {problems}</source>
        <translation>未添加：{problems}</translation>
    </message>
    <message>
        <source>Attached; SHA-256 {sha}</source>
        <translation>已添加；SHA-256 {sha}</translation>
    </message>
    <message>
        <source>Attach evidence files</source>
        <translation>添加佐证材料</translation>
    </message>
    <message>
        <source>Cannot open: {error}</source>
        <translation>无法打开：{error}</translation>
    </message>
    <message>
        <source>Evidence (drop files here)</source>
        <translation>佐证材料（可将文件拖放到此处）</translation>
    </message>
    <message>
        <source>Choose files…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Double-click a file to open it</source>
        <translation>双击文件即可打开</translation>
    </message>
</context>
<context>
    <name>ExcelActions</name>
    <message>
        <source>Export entry &amp;template…</source>
        <translation>导出录入模板(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Import filled workbook…</source>
        <translation>导入已填写的工作簿(&amp;I)…</translation>
    </message>
    <message>
        <source>Export &amp;observations…</source>
        <translation>导出观测记录(&amp;O)…</translation>
    </message>
    <message>
        <source>Export &amp;scores…</source>
        <translation>导出评分结果(&amp;S)…</translation>
    </message>
    <message>
        <source>Export entry template</source>
        <translation>导出录入模板</translation>
    </message>
    <message>
        <source>Entry template saved to {path}</source>
        <translation>录入模板已保存到 {path}</translation>
    </message>
    <message>
        <source>Export observations</source>
        <translation>导出观测记录</translation>
    </message>
    <message>
        <source>Observations exported to {path}</source>
        <translation>观测记录已导出到 {path}</translation>
    </message>
    <message>
        <source>Export scores</source>
        <translation>导出评分结果</translation>
    </message>
    <message>
        <source>Scores exported to {path}</source>
        <translation>评分结果已导出到 {path}</translation>
    </message>
    <message>
        <source>Import filled workbook</source>
        <translation>导入已填写的工作簿</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>正在逐行检查…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cannot import this workbook</source>
        <translation>无法导入此工作簿</translation>
    </message>
    <message>
        <source>Nothing was imported</source>
        <translation>未导入任何数据</translation>
    </message>
    <message>
        <source>{count} observations imported from {file}</source>
        <translation>已从 {file} 导入 {count} 条观测记录</translation>
    </message>
    <message>
        <source>Save the list of problems</source>
        <translation>保存问题清单</translation>
    </message>
    <message>
        <source>List saved to {path}</source>
        <translation>清单已保存到 {path}</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export field package</source>
        <translation>导出外业数据包</translation>
    </message>
    <message>
        <source>Choose at least one city.</source>
        <translation>请至少选择一个城市。</translation>
    </message>
    <message>
        <source>A file with this name exists; choose another name.</source>
        <translation>同名文件已存在，请换一个名称。</translation>
    </message>
    <message>
        <source>Cities whose observations go into the package:</source>
        <translation>要放入数据包的城市观测记录：</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>None</source>
        <translation>全不选</translation>
    </message>
    <message>
        <source>Only what changed since the last export of each city</source>
        <translation>仅导出各城市自上次导出以来的变更</translation>
    </message>
    <message>
        <source>All observations of these cities</source>
        <translation>这些城市的全部观测记录</translation>
    </message>
    <message>
        <source>Package file (give it to the coordinator):</source>
        <translation>数据包文件（交给协调人）：</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
</context>
<context>
    <name>FieldworkActions</name>
    <message>
        <source>&amp;Export field package…</source>
        <translation>导出外业数据包(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Merge field packages…</source>
        <translation>合并外业数据包(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Review conflicts and duplicates…</source>
        <translation>审查冲突与疑似重复(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Second-evaluator check…</source>
        <translation>第二评估员核查(&amp;S)…</translation>
    </message>
    <message>
        <source>Evaluator and &amp;team…</source>
        <translation>评估员与小组(&amp;T)…</translation>
    </message>
    <message>
        <source>{count} observations exported to {path}</source>
        <translation>已将 {count} 条观测记录导出到 {path}</translation>
    </message>
</context>
<context>
    <name>FrameworkCommands</name>
    <message>
        <source>Add indicator {code}</source>
        <translation>添加指标 {code}</translation>
    </message>
    <message>
        <source>Remove indicator {code}</source>
        <translation>删除指标 {code}</translation>
    </message>
    <message>
        <source>Edit measurement</source>
        <translation>修改测量方式</translation>
    </message>
</context>
<context>
    <name>FrameworkEditor</name>
    <message>
        <source>Numeric</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评级</translation>
    </message>
    <message>
        <source>Yes/No</source>
        <translation>是/否</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>清单</translation>
    </message>
    <message>
        <source>Aggregate</source>
        <translation>汇总指标</translation>
    </message>
    <message>
        <source>+1 (higher is better)</source>
        <translation>+1（越高越好）</translation>
    </message>
    <message>
        <source>−1 (lower is better)</source>
        <translation>−1（越低越好）</translation>
    </message>
    <message>
        <source>Line {line}: write a level as &apos;value = 中文 / English&apos;</source>
        <translation>第 {line} 行：等级的写法为“值 = 中文 / English”</translation>
    </message>
</context>
<context>
    <name>FrameworkEditorTab</name>
    <message>
        <source>Add sub-indicator</source>
        <translation>添加下级指标</translation>
    </message>
    <message>
        <source>Add indicator after</source>
        <translation>在后面添加指标</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Move to…</source>
        <translation>移动到…</translation>
    </message>
    <message>
        <source>Normalise all weights</source>
        <translation>全部权重归一化</translation>
    </message>
    <message>
        <source>{code} is a leaf indicator. With a sub-indicator it becomes an aggregate and its measurement (kind, goalposts, levels) is dropped. Continue?</source>
        <translation>{code} 是末级指标。添加下级指标后它将成为汇总指标，其测量方式（类型、阈值、等级）将被移除。是否继续？</translation>
    </message>
    <message>
        <source>{code} {name} and its sub-indicators have {count} observations. Remove it? The observations are kept in the workspace (deleted, with their history) and come back with Undo.</source>
        <translation>{code} {name} 及其下级指标共有 {count} 条观测记录。确定删除吗？观测记录仍保留在工作区中（标记为已删除，历史记录完整），撤销即可恢复。</translation>
    </message>
    <message>
        <source>Move to {code}</source>
        <translation>移动到 {code}</translation>
    </message>
    <message>
        <source>Normalise the weights under {code}</source>
        <translation>将 {code} 下的权重归一化</translation>
    </message>
    <message>
        <source>Indicator system</source>
        <translation>指标体系</translation>
    </message>
</context>
<context>
    <name>FrameworkTreeModel</name>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Name (zh)</source>
        <translation>名称（中文）</translation>
    </message>
    <message>
        <source>Name (en)</source>
        <translation>名称（英文）</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
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
        <source>Effective share of {parent}: {share}</source>
        <translation>在 {parent} 中的实际占比：{share}</translation>
    </message>
    <message>
        <source>Weights of the children of {parent} sum to {total}</source>
        <translation>{parent} 的下级指标权重之和为 {total}</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>⚠ These observations disagree by more than {share}% of the range</source>
        <translation>⚠ 这些观测记录的差异超过阈值区间的 {share}%</translation>
    </message>
    <message>
        <source>Observations ({n})</source>
        <translation>观测记录（{n}）</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>审计记录</translation>
    </message>
</context>
<context>
    <name>IdentityDialog</name>
    <message>
        <source>Please give your name: it is recorded with your work.</source>
        <translation>请填写您的姓名：它将随您的工作一并记录。</translation>
    </message>
    <message>
        <source>Evaluator and team</source>
        <translation>评估员与小组</translation>
    </message>
    <message>
        <source>Your name and team are recorded with every observation and change you make, so that the coordinator can tell the teams&apos; work apart when merging.</source>
        <translation>您的姓名和小组会随您录入的每条观测记录和每次修改一起保存，便于协调人在合并时区分各小组的工作。</translation>
    </message>
    <message>
        <source>e.g. 张伟</source>
        <translation>例如：张伟</translation>
    </message>
    <message>
        <source>e.g. 第二评估组</source>
        <translation>例如：第二评估组</translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation>您的姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Team:</source>
        <translation>小组(&amp;T)：</translation>
    </message>
    <message>
        <source>This computer:</source>
        <translation>本机：</translation>
    </message>
</context>
<context>
    <name>ImportReviewDialog</name>
    <message>
        <source>Import workbook</source>
        <translation>导入工作簿</translation>
    </message>
    <message>
        <source>Save the list…</source>
        <translation>保存清单…</translation>
    </message>
    <message>
        <source>Import only the valid rows</source>
        <translation>仅导入有效行</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>{file}: {rows} rows read; {new} new observations; {done} already imported.</source>
        <translation>{file}：已读取 {rows} 行；新观测记录 {new} 条；已导入过 {done} 条。</translation>
    </message>
    <message>
        <source>{count} rows marked verified or rejected come in as submitted: reviews are made in the program, by someone other than the evaluator.</source>
        <translation>{count} 行标为“已核实”或“已退回”的数据将按“已提交”导入：审核须在程序中由录入者以外的人员完成。</translation>
    </message>
    <message>
        <source>{count} problems in {rows} rows: nothing is imported unless you choose to import only the valid rows (the choice is recorded in the audit trail).</source>
        <translation>{rows} 行中有 {count} 个问题：除非选择“仅导入有效行”，否则不会导入任何数据（该选择将记入审计记录）。</translation>
    </message>
</context>
<context>
    <name>IndicatorTreeModel</name>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成度</translation>
    </message>
    <message>
        <source>{filled} of {total} indicators have a value</source>
        <translation>{total} 项指标中已有 {filled} 项有数值</translation>
    </message>
    <message>
        <source>No value yet</source>
        <translation>尚无数值</translation>
    </message>
    <message>
        <source>The {n} observations disagree by more than {share}% of the range</source>
        <translation>这 {n} 条观测记录的差异超过阈值区间的 {share}%</translation>
    </message>
    <message>
        <source>Reconciled from {n} observation(s)</source>
        <translation>由 {n} 条观测记录合并得出</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Saved {time}</source>
        <translation>已保存 {time}</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New workspace…</source>
        <translation>新建工作区(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>Save a &amp;copy…</source>
        <translation>另存副本(&amp;C)…</translation>
    </message>
    <message>
        <source>Restore from &amp;backup…</source>
        <translation>从备份恢复(&amp;B)…</translation>
    </message>
    <message>
        <source>E&amp;xcel</source>
        <translation>Excel(&amp;X)</translation>
    </message>
    <message>
        <source>Field &amp;teams</source>
        <translation>外业小组(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About SMART City Evaluator</source>
        <translation>关于智慧城市发展水平评估(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Undo {what}</source>
        <translation>撤销{what}(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo {what}</source>
        <translation>重做{what}(&amp;R)</translation>
    </message>
    <message>
        <source>SMART City Evaluator</source>
        <translation>智慧城市发展水平评估</translation>
    </message>
    <message>
        <source>Workspace: {path} · evaluator: {who}</source>
        <translation>工作区：{path} · 评估员：{who}</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge field packages</source>
        <translation>合并外业数据包</translation>
    </message>
    <message>
        <source>Merging…</source>
        <translation>正在合并…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The merge was cancelled; nothing was changed.</source>
        <translation>合并已取消，未做任何更改。</translation>
    </message>
    <message>
        <source>Nothing was merged: {why}</source>
        <translation>未合并任何数据：{why}</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>数据包</translation>
    </message>
    <message>
        <source>Evaluator (team)</source>
        <translation>评估员（小组）</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Observations</source>
        <translation>观测记录</translation>
    </message>
    <message>
        <source>Made ({zone})</source>
        <translation>生成时间（{zone}）</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>In the package</source>
        <translation>数据包中</translation>
    </message>
    <message>
        <source>Here</source>
        <translation>本工作区</translation>
    </message>
    <message>
        <source>Differs</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>Merged: {added} added, {updated} updated, {skipped} skipped, {conflicts} in conflict, {duplicates} duplicates</source>
        <translation>已合并：新增 {added}，更新 {updated}，跳过 {skipped}，冲突 {conflicts}，疑似重复 {duplicates}</translation>
    </message>
    <message>
        <source>Refused: {why}</source>
        <translation>已拒绝：{why}</translation>
    </message>
    <message>
        <source>Made for another version of the indicator system: check the mapping</source>
        <translation>为另一版本的指标体系生成：请核对映射</translation>
    </message>
    <message>
        <source>Ready to merge</source>
        <translation>可以合并</translation>
    </message>
    <message>
        <source>Merged. Nothing needs a decision.</source>
        <translation>合并完成，没有需要裁定的内容。</translation>
    </message>
    <message>
        <source>Remove the refused packages to merge the others.</source>
        <translation>请移除被拒绝的数据包后再合并其余数据包。</translation>
    </message>
    <message>
        <source>Confirm the mapping below to merge.</source>
        <translation>请确认下方的映射后再合并。</translation>
    </message>
    <message>
        <source>Add the package files (.smartpkg) the field teams gave you; each is checked before anything is merged.</source>
        <translation>请添加各外业小组交来的数据包文件（.smartpkg）；合并前会逐一检查。</translation>
    </message>
    <message>
        <source>The package was made for this indicator system: nothing to map.</source>
        <translation>该数据包就是为本指标体系生成的，无需映射。</translation>
    </message>
    <message>
        <source>Choose a package above to see how its indicators map onto this system.</source>
        <translation>在上方选择一个数据包，可查看其指标与本指标体系的映射。</translation>
    </message>
    <message>
        <source>&amp;Add packages…</source>
        <translation>添加数据包(&amp;A)…</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>移除(&amp;M)</translation>
    </message>
    <message>
        <source>Mer&amp;ge</source>
        <translation>合并(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Review conflicts…</source>
        <translation>审查冲突(&amp;R)…</translation>
    </message>
    <message>
        <source>parent</source>
        <translation>上级指标</translation>
    </message>
    <message>
        <source>Merged. {conflicts} observations in conflict and {duplicates} duplicate candidates wait for a decision: press “Review conflicts…”.</source>
        <translation>合并完成。{conflicts} 条观测记录存在冲突，{duplicates} 条疑似重复，等待裁定：请点击“审查冲突…”。</translation>
    </message>
    <message>
        <source>lower goalpost</source>
        <translation>下阈值</translation>
    </message>
    <message>
        <source>upper goalpost</source>
        <translation>上阈值</translation>
    </message>
    <message>
        <source>This package is refused and cannot be merged:
{why}</source>
        <translation>该数据包被拒绝，无法合并：
{why}</translation>
    </message>
    <message>
        <source>How the package&apos;s indicators map onto this indicator system ({differ} differ, {same} unchanged):</source>
        <translation>数据包中的指标与本指标体系的映射（{differ} 项不同，{same} 项未变）：</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Merge with this mapping (indicators matched by code)</source>
        <translation>按此映射合并（按指标代码匹配）</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>MethodsTab</name>
    <message>
        <source>AHP</source>
        <translation>层次分析法</translation>
    </message>
    <message>
        <source>Entropy weights</source>
        <translation>熵权法</translation>
    </message>
    <message>
        <source>Weight sets</source>
        <translation>权重方案</translation>
    </message>
    <message>
        <source>Statistical audit</source>
        <translation>统计审查</translation>
    </message>
    <message>
        <source>Uncertainty &amp;&amp; sensitivity</source>
        <translation>不确定性与敏感性</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>Move {code} to…</source>
        <translation>将 {code} 移动到…</translation>
    </message>
    <message>
        <source>New parent (the indicator becomes its last sub-indicator):</source>
        <translation>新的上级指标（该指标将成为其最后一个下级指标）：</translation>
    </message>
</context>
<context>
    <name>NewWorkspaceDialog</name>
    <message>
        <source>New workspace</source>
        <translation>新建工作区</translation>
    </message>
    <message>
        <source>From an iMeta table…</source>
        <translation>从 iMeta 表导入…</translation>
    </message>
    <message>
        <source>The 50 cities of the 2021 report</source>
        <translation>2021 年报告中的 50 个城市</translation>
    </message>
    <message>
        <source>From a city list (CSV)…</source>
        <translation>从城市列表（CSV）导入…</translation>
    </message>
    <message>
        <source>2021 evaluation</source>
        <translation>2021 年评估</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Indicator framework</source>
        <translation>指标体系</translation>
    </message>
    <message>
        <source>Cities</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Campaign name</source>
        <translation>评估轮次名称</translation>
    </message>
    <message>
        <source>Workspace file</source>
        <translation>工作区文件</translation>
    </message>
    <message>
        <source>iMeta table</source>
        <translation>iMeta 表</translation>
    </message>
    <message>
        <source>City list</source>
        <translation>城市列表</translation>
    </message>
</context>
<context>
    <name>NodeForm</name>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Measurement</source>
        <translation>测量方式</translation>
    </message>
    <message>
        <source>Name (zh)</source>
        <translation>名称（中文）</translation>
    </message>
    <message>
        <source>Name (en)</source>
        <translation>名称（英文）</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Goalpost low</source>
        <translation>阈值下限</translation>
    </message>
    <message>
        <source>Goalpost high</source>
        <translation>阈值上限</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>Bounded</source>
        <translation>限定范围</translation>
    </message>
    <message>
        <source>Rating levels</source>
        <translation>评级等级</translation>
    </message>
    <message>
        <source>Checklist items</source>
        <translation>清单项目</translation>
    </message>
    <message>
        <source>refuse values outside the goalposts</source>
        <translation>拒绝阈值范围之外的数值</translation>
    </message>
    <message>
        <source>One level per line: value = 中文 / English</source>
        <translation>每行一个等级：值 = 中文 / English</translation>
    </message>
    <message>
        <source>One item per line, e.g. 中文/English</source>
        <translation>每行一个项目，例如 中文/English</translation>
    </message>
    <message>
        <source>Select an indicator in the tree.</source>
        <translation>请在左侧树中选择一个指标。</translation>
    </message>
    <message>
        <source>{count} observations</source>
        <translation>{count} 条观测记录</translation>
    </message>
    <message>
        <source>Root of the framework · {observed}</source>
        <translation>指标体系根节点 · {observed}</translation>
    </message>
    <message>
        <source>Level {level} · share of {parent}: {share} · {observed}</source>
        <translation>第 {level} 级 · 在 {parent} 中占比 {share} · {observed}</translation>
    </message>
    <message>
        <source>Aggregate of {count} sub-indicators; their weights sum to {total}</source>
        <translation>汇总 {count} 个下级指标，权重之和为 {total}</translation>
    </message>
</context>
<context>
    <name>NumericEditor</name>
    <message>
        <source>Allowed: {range}</source>
        <translation>允许范围：{range}</translation>
    </message>
    <message>
        <source>Usual range: {range} (not a limit)</source>
        <translation>常见范围：{range}（非限制）</translation>
    </message>
    <message>
        <source>Type a number</source>
        <translation>请输入数字</translation>
    </message>
</context>
<context>
    <name>ObservationFields</name>
    <message>
        <source>{who} (you edit as {me})</source>
        <translation>{who}（您以 {me} 身份编辑）</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Date observed</source>
        <translation>观测日期</translation>
    </message>
    <message>
        <source>Evaluator</source>
        <translation>评估员</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Document, page or URL</source>
        <translation>文件、页码或网址</translation>
    </message>
    <message>
        <source>Anything the coordinator should know</source>
        <translation>需要告知协调人的事项</translation>
    </message>
    <message>
        <source>How the value was obtained</source>
        <translation>数值的获取方式</translation>
    </message>
</context>
<context>
    <name>ObservationTableModel</name>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Evaluator</source>
        <translation>评估员</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Observed</source>
        <translation>观测日期</translation>
    </message>
    <message>
        <source>Device: {device}</source>
        <translation>设备：{device}</translation>
    </message>
    <message>
        <source>Shown in the entry panel</source>
        <translation>已在录入面板中显示</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
</context>
<context>
    <name>ObservationWriter</name>
    <message>
        <source>This indicator is an aggregate; it has no value</source>
        <translation>该指标为汇总指标，不录入数值</translation>
    </message>
    <message>
        <source>the workspace refused the change ({error})</source>
        <translation>工作区拒绝了此修改（{error}）</translation>
    </message>
    <message>
        <source>{value} differs from another observation of this cell ({other}) by more than {share}% of the range</source>
        <translation>{value} 与此单元格另一条观测记录（{other}）的差异超过阈值区间的 {share}%</translation>
    </message>
    <message>
        <source>{value} is far from the other {n} cities (usual: {low} to {high})</source>
        <translation>{value} 与其他 {n} 个城市差异较大（常见范围：{low} 至 {high}）</translation>
    </message>
    <message>
        <source>“{text}” is not a number</source>
        <translation>“{text}”不是数字</translation>
    </message>
    <message>
        <source>must be a whole number from 0 to {n}</source>
        <translation>必须是 0 至 {n} 之间的整数</translation>
    </message>
    <message>
        <source>must be yes (1) or no (0)</source>
        <translation>必须为是（1）或否（0）</translation>
    </message>
    <message>
        <source>must be one of the levels {levels}</source>
        <translation>必须是以下等级之一：{levels}</translation>
    </message>
    <message>
        <source>{value} is outside the allowed range {range}</source>
        <translation>{value} 超出允许范围 {range}</translation>
    </message>
</context>
<context>
    <name>ObservationsTab</name>
    <message>
        <source>All cities</source>
        <translation>全部城市</translation>
    </message>
    <message>
        <source>All indicators</source>
        <translation>全部指标</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>全部渠道</translation>
    </message>
    <message>
        <source>All evaluators</source>
        <translation>全部评估员</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>{shown} of {total} observations</source>
        <translation>显示 {shown}/{total} 条观测记录</translation>
    </message>
    <message>
        <source>Search all text columns…</source>
        <translation>在所有文本列中搜索…</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
</context>
<context>
    <name>PairwiseModel</name>
    <message>
        <source>A judgement must be between 1/9 and 9.</source>
        <extracomment>Saaty&apos;s scale, strongest preference for the row criterion first.</extracomment>
        <translation>判断值必须在 1/9 到 9 之间。</translation>
    </message>
    <message>
        <source>{a} compared with itself: always 1</source>
        <translation>{a} 与自身比较：恒为 1</translation>
    </message>
    <message>
        <source>{a} is {v} times as important as {b}</source>
        <translation>{a} 的重要程度是 {b} 的 {v} 倍</translation>
    </message>
    <message>
        <source>{b} is {v} times as important as {a}</source>
        <translation>{b} 的重要程度是 {a} 的 {v} 倍</translation>
    </message>
    <message>
        <source>(reciprocal: edit the cell {b} / {a} above the diagonal)</source>
        <translation>（倒数：请编辑对角线以上的单元格 {b} / {a}）</translation>
    </message>
    <message>
        <source>“{text}” is not a judgement: enter 1 … 9 or 1/2 … 1/9.</source>
        <translation>“{text}”不是有效的判断值：请输入 1 … 9 或 1/2 … 1/9。</translation>
    </message>
</context>
<context>
    <name>ProblemModel</name>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>列标题</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>RankingModel</name>
    <message>
        <source>Double-click to show or hide its second-level indicators</source>
        <translation>双击可展开或收起其二级指标</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>指数</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>梯队</translation>
    </message>
    <message>
        <source>{name}: {value} (sample mean {mean})</source>
        <translation>{name}：{value}（样本均值 {mean}）</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message numerus="yes">
        <source>%n observation(s) selected.</source>
        <translation>
            <numerusform>已选择 %n 条观测记录。</numerusform>
        </translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>原因（必填）</translation>
    </message>
    <message>
        <source>Reason (optional)</source>
        <translation>原因（选填）</translation>
    </message>
</context>
<context>
    <name>ReportPanel</name>
    <message>
        <source>Word document (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>另存为</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>Drawing the charts…</source>
        <translation>正在绘制图表…</translation>
    </message>
    <message>
        <source>Writing {name}…</source>
        <translation>正在写入 {name}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Making {name}…</source>
        <translation>正在生成 {name}…</translation>
    </message>
    <message>
        <source> ({pages} pages)</source>
        <translation>（共 {pages} 页）</translation>
    </message>
    <message>
        <source>Saved &lt;a href=&quot;{url}&quot;&gt;{name}&lt;/a&gt;{pages}</source>
        <translation>已保存 &lt;a href=&quot;{url}&quot;&gt;{name}&lt;/a&gt;{pages}</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>未保存：{reason}</translation>
    </message>
    <message>
        <source>Cancelled; nothing was saved.</source>
        <translation>已取消，未保存任何内容。</translation>
    </message>
    <message>
        <source>Report language:</source>
        <translation>报告语言：</translation>
    </message>
    <message>
        <source>Word report…</source>
        <translation>Word 报告…</translation>
    </message>
    <message>
        <source>PDF report…</source>
        <translation>PDF 报告…</translation>
    </message>
    <message>
        <source>Results workbook…</source>
        <translation>结果工作簿…</translation>
    </message>
    <message>
        <source>The report&apos;s chapter 3 with every chart, table and city page</source>
        <translation>报告第三章，含全部图表、表格和城市页</translation>
    </message>
    <message>
        <source>Ranking, scores at every level, statistics, weights and settings (.xlsx)</source>
        <translation>排名、各级指标得分、统计量、权重和设置（.xlsx）</translation>
    </message>
</context>
<context>
    <name>ResolutionEditDialog</name>
    <message>
        <source>Edit the observation</source>
        <translation>编辑观测记录</translation>
    </message>
    <message>
        <source>Enter what is right; the other version is settled.</source>
        <translation>请录入正确的内容；另一个版本随之了结。</translation>
    </message>
    <message>
        <source>Value:</source>
        <translation>数值：</translation>
    </message>
    <message>
        <source>Value ({unit}):</source>
        <translation>数值（{unit}）：</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>渠道：</translation>
    </message>
    <message>
        <source>Date (YYYY-MM-DD):</source>
        <translation>日期（YYYY-MM-DD）：</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>来源：</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Start from the master&apos;s version</source>
        <translation>以主工作区版本为基础</translation>
    </message>
    <message>
        <source>Start from the package&apos;s version</source>
        <translation>以数据包版本为基础</translation>
    </message>
</context>
<context>
    <name>ResultsTab</name>
    <message>
        <source>Double-click a first-level header to show its second level</source>
        <translation>双击一级指标列标题可显示其二级指标</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>{shown} of {total} cities</source>
        <translation>显示 {shown}/{total} 个城市</translation>
    </message>
    <message>
        <source>Give the lower bounds of the bands, e.g. 20000, 10000, 5000</source>
        <translation>请填写各区间的下限，例如 20000, 10000, 5000</translation>
    </message>
    <message>
        <source>Economic circle:</source>
        <translation>经济圈：</translation>
    </message>
    <message>
        <source>GDP band:</source>
        <translation>GDP 区间：</translation>
    </message>
    <message>
        <source>Province:</source>
        <translation>省份：</translation>
    </message>
    <message>
        <source>Level:</source>
        <translation>行政级别：</translation>
    </message>
    <message>
        <source>Show second level</source>
        <translation>显示二级指标</translation>
    </message>
    <message>
        <source>GDP bands (100 million CNY):</source>
        <translation>GDP 区间（亿元）：</translation>
    </message>
    <message>
        <source>Lower bounds of the GDP bands, largest first</source>
        <translation>各 GDP 区间的下限，从大到小排列</translation>
    </message>
    <message>
        <source>Ranking</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Table 3-2 Tiers</source>
        <translation>表 3-2 梯队</translation>
    </message>
    <message>
        <source>Table 3-13 Second level</source>
        <translation>表 3-13 二级指标</translation>
    </message>
</context>
<context>
    <name>ReviewActions</name>
    <message>
        <source>Select one or more observations in the table first.</source>
        <translation>请先在表格中选择一条或多条观测记录。</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>&amp;Submit</source>
        <translation>提交(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Verify…</source>
        <translation>核实(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Reject…</source>
        <translation>退回(&amp;R)…</translation>
    </message>
    <message>
        <source>Re&amp;open…</source>
        <translation>重新打开(&amp;O)…</translation>
    </message>
</context>
<context>
    <name>SaveSetDialog</name>
    <message>
        <source>Save as weight set</source>
        <translation>另存为权重方案</translation>
    </message>
    <message>
        <source>Use it for the scores now</source>
        <translation>立即用于评分</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>A weight set of this name exists; saving replaces it.</source>
        <translation>已存在同名权重方案，保存将替换它。</translation>
    </message>
    <message>
        <source>Replace the weight set “{name}”?</source>
        <translation>替换权重方案“{name}”吗？</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>TemplateDialog</name>
    <message>
        <source>Export entry template</source>
        <translation>导出录入模板</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>None</source>
        <translation>全不选</translation>
    </message>
    <message>
        <source>Include the values entered so far</source>
        <translation>包含已录入的数值</translation>
    </message>
    <message>
        <source>Cities in the template:</source>
        <translation>模板包含的城市：</translation>
    </message>
</context>
<context>
    <name>TierRuleEditor</name>
    <message>
        <source>The shares must add up to 100 %</source>
        <translation>各梯队占比之和必须为 100 %</translation>
    </message>
    <message>
        <source>The thresholds must go down from tier to tier</source>
        <translation>各梯队的分数阈值必须逐级递减</translation>
    </message>
    <message>
        <source>Change the tier rule</source>
        <translation>修改梯队划分规则</translation>
    </message>
    <message>
        <source>tier rule changed</source>
        <translation>已修改梯队划分规则</translation>
    </message>
    <message>
        <source>Tiers:</source>
        <translation>梯队：</translation>
    </message>
    <message>
        <source>by rank share</source>
        <translation>按排名占比</translation>
    </message>
    <message>
        <source>by score threshold</source>
        <translation>按分数阈值</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Save this tier rule in the campaign&apos;s scoring settings (can be undone)</source>
        <translation>将此梯队划分规则保存到本评估轮次的评分设置中（可撤销）</translation>
    </message>
</context>
<context>
    <name>UncertaintyCharts</name>
    <message>
        <source>median rank, 5–95 % interval</source>
        <translation>排名中位数，5–95 % 区间</translation>
    </message>
    <message>
        <source>nominal rank</source>
        <translation>基准排名</translation>
    </message>
    <message>
        <source>Rank (1 = best)</source>
        <translation>排名（1 = 最优）</translation>
    </message>
    <message>
        <source>Rank intervals</source>
        <translation>排名区间</translation>
    </message>
    <message>
        <source>{city}: nominal {nominal}, median {median}, 5–95 % [{q5}, {q95}], mean {mean}</source>
        <translation>{city}：基准 {nominal}，中位数 {median}，5–95 % [{q5}, {q95}]，均值 {mean}</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>Tier probabilities</source>
        <translation>分级概率</translation>
    </message>
    <message>
        <source>first order Si</source>
        <translation>一阶 Si</translation>
    </message>
    <message>
        <source>total STi</source>
        <translation>总效应 STi</translation>
    </message>
    <message>
        <source>Sensitivity index</source>
        <translation>敏感性指数</translation>
    </message>
    <message>
        <source>Sensitivity of the mean absolute rank shift</source>
        <translation>平均绝对排名变动的敏感性</translation>
    </message>
</context>
<context>
    <name>UncertaintyPage</name>
    <message>
        <source>Rank intervals</source>
        <translation>排名区间</translation>
    </message>
    <message>
        <source>Tier probabilities</source>
        <translation>分级概率</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>敏感性</translation>
    </message>
    <message>
        <source>How much do the ranks depend on the choices behind the index? Choose what varies and press Run; the ranks of every sample give each city&apos;s rank interval and tier probabilities.</source>
        <translation>排名在多大程度上取决于构建指数时的各项选择？请选择要变动的假设并点击“运行”；根据每次抽样的排名得出各城市的排名区间和分级概率。</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>正在运行…</translation>
    </message>
    <message>
        <source>Uncertainty analysis</source>
        <translation>不确定性分析</translation>
    </message>
    <message>
        <source>The analysis failed: {reason}</source>
        <translation>分析失败：{reason}</translation>
    </message>
    <message>
        <source>Cancelled; the results shown are from the previous run.</source>
        <translation>已取消；当前显示的是上一次运行的结果。</translation>
    </message>
    <message>
        <source>The data or the weights changed after this run: run it again.</source>
        <translation>本次运行后数据或权重已更改：请重新运行。</translation>
    </message>
    <message>
        <source>No results yet.</source>
        <translation>尚无结果。</translation>
    </message>
    <message>
        <source>{runs} runs in {seconds} s; varied: {names}.</source>
        <translation>共运行 {runs} 次，用时 {seconds} 秒；变动项：{names}。</translation>
    </message>
    <message>
        <source>The sensitivity estimates are rough (intervals up to {width} wide): increase N for firmer ones.</source>
        <translation>敏感性估计较粗略（区间宽度最大为 {width}）：增大 N 可得到更可靠的结果。</translation>
    </message>
    <message>
        <source>weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>normalisation</source>
        <translation>归一化</translation>
    </message>
    <message>
        <source>aggregation</source>
        <translation>汇总方法</translation>
    </message>
    <message>
        <source>imputation</source>
        <translation>缺失值插补</translation>
    </message>
    <message>
        <source>left-out indicator</source>
        <translation>剔除指标</translation>
    </message>
    <message>
        <source>Tick “Sensitivity indices” and run again.</source>
        <translation>请勾选“敏感性指数”后重新运行。</translation>
    </message>
    <message>
        <source>Nominal</source>
        <translation>基准</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>区间宽度</translation>
    </message>
    <message>
        <source>Rank with the campaign&apos;s own settings</source>
        <translation>按本评估轮次自身设置得到的排名</translation>
    </message>
    <message>
        <source>5th percentile rank (R type 7)</source>
        <translation>第 5 百分位排名（R 第 7 类）</translation>
    </message>
    <message>
        <source>95th percentile rank</source>
        <translation>第 95 百分位排名</translation>
    </message>
    <message>
        <source>Q95 − Q5</source>
        <translation>Q95 − Q5</translation>
    </message>
    <message>
        <source>Assumption</source>
        <translation>假设</translation>
    </message>
    <message>
        <source>The ranks did not change in any run.</source>
        <translation>所有运行中排名均未变化。</translation>
    </message>
</context>
<context>
    <name>UncertaintySettings</name>
    <message>
        <source>Samples N:</source>
        <translation>样本数 N：</translation>
    </message>
    <message>
        <source>Monte Carlo samples (with sensitivity: rows of the Saltelli matrices)</source>
        <translation>蒙特卡洛样本数（计算敏感性时为 Saltelli 矩阵的行数）</translation>
    </message>
    <message>
        <source>Weight noise ± %:</source>
        <translation>权重扰动 ± %：</translation>
    </message>
    <message>
        <source>Every weight times 1 + U(−x, x), at every level below the index</source>
        <translation>总指数以下各层级的每个权重乘以 1 + U(−x, x)</translation>
    </message>
    <message>
        <source>Normalisation drawn from</source>
        <translation>归一化方法取自</translation>
    </message>
    <message>
        <source>Aggregation drawn from</source>
        <translation>汇总方法取自</translation>
    </message>
    <message>
        <source>goalposts</source>
        <translation>阈值法</translation>
    </message>
    <message>
        <source>min-max</source>
        <translation>极差法</translation>
    </message>
    <message>
        <source>z-score</source>
        <translation>Z 分数</translation>
    </message>
    <message>
        <source>rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>percentile</source>
        <translation>百分位</translation>
    </message>
    <message>
        <source>arithmetic mean</source>
        <translation>算术平均</translation>
    </message>
    <message>
        <source>geometric mean</source>
        <translation>几何平均</translation>
    </message>
    <message>
        <source>The campaign&apos;s own method: always included</source>
        <translation>本评估轮次自身的方法：始终包含</translation>
    </message>
    <message>
        <source>Leave out one indicator at a time</source>
        <translation>每次剔除一项指标</translation>
    </message>
    <message>
        <source>Sensitivity indices (Si, STi)</source>
        <translation>敏感性指数（Si、STi）</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <source>The same seed gives the same results</source>
        <translation>相同的种子得到相同的结果</translation>
    </message>
    <message>
        <source>Bootstrap draws:</source>
        <translation>自助抽样次数：</translation>
    </message>
    <message>
        <source>For the 5–95 % intervals of the sensitivity indices</source>
        <translation>用于计算敏感性指数的 5–95 % 区间</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Nothing varies: choose weight noise or a second method.</source>
        <translation>没有变动项：请设置权重扰动或再选择一种方法。</translation>
    </message>
    <message>
        <source>{k} assumptions vary: N × (k + 2) = {runs} runs.</source>
        <translation>{k} 项假设变动：N × (k + 2) = {runs} 次运行。</translation>
    </message>
    <message>
        <source>{k} assumptions vary: {runs} runs.</source>
        <translation>{k} 项假设变动：{runs} 次运行。</translation>
    </message>
</context>
<context>
    <name>ValueDelegate</name>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>WeightBanner</name>
    <message>
        <source>Normalise</source>
        <translation>归一化</translation>
    </message>
    <message>
        <source>Normalise all</source>
        <translation>全部归一化</translation>
    </message>
    <message>
        <source>Rescale every sibling group to 100 % (one undo step)</source>
        <translation>将每组同级指标的权重调整为合计 100 %（可一步撤销）</translation>
    </message>
    <message>
        <source>({count} groups in all do not sum to 100 %)</source>
        <translation>（共有 {count} 组权重之和不为 100 %）</translation>
    </message>
    <message>
        <source>Rescale the weights under {code} to sum to 100 %</source>
        <translation>将 {code} 下的权重按比例调整为合计 100 %</translation>
    </message>
</context>
<context>
    <name>WeightSets</name>
    <message>
        <source>Save weight set {name}</source>
        <translation>保存权重方案 {name}</translation>
    </message>
    <message>
        <source>Use the framework&apos;s weights</source>
        <translation>使用指标体系权重</translation>
    </message>
    <message>
        <source>Use weight set {name}</source>
        <translation>使用权重方案 {name}</translation>
    </message>
    <message>
        <source>Delete weight set {name}</source>
        <translation>删除权重方案 {name}</translation>
    </message>
</context>
<context>
    <name>WeightSetsPage</name>
    <message>
        <source>Use for the scores</source>
        <translation>用于评分</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Compare the weights as:</source>
        <translation>权重比较口径：</translation>
    </message>
    <message>
        <source>share of the parent (%)</source>
        <translation>占上级指标的比例（%）</translation>
    </message>
    <message>
        <source>share of the index (%)</source>
        <translation>占总指数的比例（%）</translation>
    </message>
    <message>
        <source>Weight sets are made on the AHP and Entropy pages (“Save as weight set…”). The set in use replaces the framework&apos;s weights in every score; the indicator system itself is not changed.</source>
        <translation>权重方案在 AHP 和熵权法页面中创建（“另存为权重方案…”）。评分时以所用方案替代指标体系的权重，指标体系本身不会改变。</translation>
    </message>
    <message>
        <source>Framework weights (no weight set)</source>
        <translation>指标体系权重（不使用权重方案）</translation>
    </message>
    <message>
        <source>The scores use these weights</source>
        <translation>评分使用这些权重</translation>
    </message>
    <message>
        <source>AHP</source>
        <translation>AHP</translation>
    </message>
    <message>
        <source>entropy</source>
        <translation>熵权法</translation>
    </message>
    <message>
        <source>AHP + entropy</source>
        <translation>AHP + 熵权法</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>equal</source>
        <translation>等权</translation>
    </message>
    <message>
        <source>The weights stored in the indicator system.</source>
        <translation>指标体系中保存的权重。</translation>
    </message>
    <message>
        <source>Method: {method}</source>
        <translation>方法：{method}</translation>
    </message>
    <message>
        <source>Node: {node}</source>
        <translation>节点：{node}</translation>
    </message>
    <message>
        <source>AHP: CR = {cr} ({verdict}), {n} expert(s), {method}</source>
        <translation>AHP：CR = {cr}（{verdict}），{n} 位专家，{method}</translation>
    </message>
    <message>
        <source>consistent</source>
        <translation>一致</translation>
    </message>
    <message>
        <source>inconsistent</source>
        <translation>不一致</translation>
    </message>
    <message>
        <source>Entropy weights of all leaf indicators under the node</source>
        <translation>该节点下全部末级指标的熵权</translation>
    </message>
    <message>
        <source>Entropy weights of the node&apos;s children</source>
        <translation>该节点下级指标的熵权</translation>
    </message>
    <message>
        <source>Shift: {shift}</source>
        <translation>平移量：{shift}</translation>
    </message>
    <message>
        <source>Combined with AHP linearly, AHP share {share} %</source>
        <translation>与 AHP 线性组合，AHP 占比 {share} %</translation>
    </message>
    <message>
        <source>Combined with AHP multiplicatively</source>
        <translation>与 AHP 乘法组合</translation>
    </message>
    <message>
        <source>Framework</source>
        <translation>指标体系</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Delete the weight set “{name}”? (Undo brings it back.)</source>
        <translation>删除权重方案“{name}”吗？（可撤销恢复。）</translation>
    </message>
    <message>
        <source>Weight sets</source>
        <translation>权重方案</translation>
    </message>
</context>
<context>
    <name>YesNoEditor</name>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>about</name>
    <message>
        <source>About SMART City Evaluator</source>
        <translation>关于智慧城市发展水平评估</translation>
    </message>
    <message>
        <source>&lt;b&gt;SMART City Evaluator&lt;/b&gt; · 智慧城市发展水平评估&lt;br&gt;Version {version}&lt;br&gt;&lt;br&gt;Offline data entry, composite indices computed as COINr does, tiers, statistics and reports for smart-city evaluations.</source>
        <translation>&lt;b&gt;智慧城市发展水平评估&lt;/b&gt; · SMART City Evaluator&lt;br&gt;版本 {version}&lt;br&gt;&lt;br&gt;面向智慧城市发展水平评估：离线数据录入，按 COINr 方法计算综合指数，以及分级、统计和报告。</translation>
    </message>
</context>
<context>
    <name>backups</name>
    <message>
        <source>Automatic backup failed: {error}</source>
        <translation>自动备份失败：{error}</translation>
    </message>
    <message>
        <source>Backup kept in {folder}</source>
        <translation>备份已保存在 {folder}</translation>
    </message>
</context>
<context>
    <name>commands</name>
    <message>
        <source>value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>date observed</source>
        <translation>观测日期</translation>
    </message>
    <message>
        <source>source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>ticked items</source>
        <translation>勾选项</translation>
    </message>
    <message>
        <source>status</source>
        <translation>状态</translation>
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
        <source>description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>lower goalpost</source>
        <translation>下阈值</translation>
    </message>
    <message>
        <source>upper goalpost</source>
        <translation>上阈值</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>bounds</source>
        <translation>取值范围</translation>
    </message>
    <message>
        <source>position</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>denominator</source>
        <translation>分母</translation>
    </message>
    <message>
        <source>Add observation</source>
        <translation>添加观测记录</translation>
    </message>
    <message>
        <source>Edit {field}</source>
        <translation>修改 {field}</translation>
    </message>
    <message>
        <source>Delete observation</source>
        <translation>删除观测记录</translation>
    </message>
    <message>
        <source>Edit indicator {field}</source>
        <translation>修改指标 {field}</translation>
    </message>
    <message>
        <source>Review observations</source>
        <translation>审核观测记录</translation>
    </message>
</context>
<context>
    <name>entry</name>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已核实</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>Something went wrong. Everything you entered has already been saved.
The details below are also written to {log}.</source>
        <translation>程序出现错误。您录入的所有内容均已保存。
以下详细信息也已写入 {log}。</translation>
    </message>
</context>
<context>
    <name>review</name>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Date observed</source>
        <translation>观测日期</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>明细</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Evaluator</source>
        <translation>评估员</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Last saved</source>
        <translation>最后保存</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>删除时间</translation>
    </message>
    <message>
        <source>created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>已修改</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>restored</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <source>by a merge</source>
        <translation>由合并产生</translation>
    </message>
</context>
<context>
    <name>tabs</name>
    <message>
        <source>Data entry</source>
        <translation>数据录入</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>数据覆盖</translation>
    </message>
    <message>
        <source>Observations</source>
        <translation>观测记录</translation>
    </message>
    <message>
        <source>Indicator system</source>
        <translation>指标体系</translation>
    </message>
    <message>
        <source>Methods</source>
        <translation>评估方法</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>评估结果</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>分析图表</translation>
    </message>
</context>
</TS>
