<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AttentionControls</name>
    <message>
        <source>Layer and head</source>
        <translation>层与注意力头</translation>
    </message>
    <message>
        <source>Rollout</source>
        <translation>Rollout（注意力累积）</translation>
    </message>
    <message>
        <source>One layer&apos;s attention: a head, or the mean of its heads</source>
        <translation>某一层的注意力：单个注意力头，或所有注意力头的平均</translation>
    </message>
    <message>
        <source>Attention rollout (Abnar and Zuidema, 2020): the layers&apos; head means, with the residual connection, multiplied from layer 1 up to the chosen layer</source>
        <translation>注意力 rollout（Abnar 与 Zuidema，2020）：各层注意力头的平均（计入残差连接），从第 1 层连乘到所选层</translation>
    </message>
    <message>
        <source>The layer, 1 is the first above the embeddings</source>
        <translation>层；1 为嵌入之上的第一层</translation>
    </message>
    <message>
        <source>One head of the layer, or the mean of its heads</source>
        <translation>该层的一个注意力头，或其所有注意力头的平均</translation>
    </message>
    <message>
        <source>Hide special tokens</source>
        <translation>隐藏特殊词元</translation>
    </message>
    <message>
        <source>Leave out [CLS], [SEP] and the other special tokens, which often take most of the attention, and rescale every row to sum to 1 again</source>
        <translation>略去 [CLS]、[SEP] 等特殊词元（它们常占去大部分注意力），并将每行重新缩放为和为 1</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>层：</translation>
    </message>
    <message>
        <source>Head:</source>
        <translation>注意力头：</translation>
    </message>
    <message>
        <source>mean of heads</source>
        <translation>注意力头平均</translation>
    </message>
    <message>
        <source>head {n}</source>
        <translation>注意力头 {n}</translation>
    </message>
</context>
<context>
    <name>AttentionGrid</name>
    <message>
        <source>Every layer&apos;s attention heads</source>
        <translation>每一层的注意力头</translation>
    </message>
    <message>
        <source>Every layer&apos;s heads, each on its own colour scale: click one</source>
        <translation>每一层的所有注意力头，各用自己的色标：点击选择其一</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>head</source>
        <translation>注意力头</translation>
    </message>
</context>
<context>
    <name>AttentionPanel</name>
    <message>
        <source>Row: the token attending; column: the token it attends to; each row sums to 1. Masked tokens are marked *.</source>
        <translation>行：发出注意力的词元；列：被关注的词元；每行之和为 1。已掩码的词元标有 *。</translation>
    </message>
    <message>
        <source>Rollout through layer {layer}: how much each token at that layer draws on each input token, the heads&apos; means multiplied layer by layer with the residual connection (Abnar and Zuidema, 2020).</source>
        <translation>累积到第 {layer} 层的 rollout：该层每个词元从各输入词元汲取多少信息，由各层注意力头平均（计入残差连接）逐层相乘得到（Abnar 与 Zuidema，2020）。</translation>
    </message>
    <message>
        <source>attending token</source>
        <translation>发出注意力的词元</translation>
    </message>
    <message>
        <source>attended token</source>
        <translation>被关注的词元</translation>
    </message>
    <message>
        <source>attention weight</source>
        <translation>注意力权重</translation>
    </message>
    <message>
        <source>Attention appears here once the text has been analysed</source>
        <translation>文本分析完成后，注意力将显示在这里</translation>
    </message>
    <message>
        <source>Every token of this text is a special token: show them to see its attention</source>
        <translation>此文本的词元全是特殊词元：显示特殊词元后才能看到其注意力</translation>
    </message>
    <message>
        <source>{view}: point at a cell to read its weight</source>
        <translation>{view}：指向单元格可读取其权重</translation>
    </message>
    <message>
        <source>rollout through layer {layer}</source>
        <translation>累积到第 {layer} 层的 rollout</translation>
    </message>
    <message>
        <source>layer {layer}, mean of heads</source>
        <translation>第 {layer} 层，注意力头平均</translation>
    </message>
    <message>
        <source>layer {layer}, head {head}</source>
        <translation>第 {layer} 层，注意力头 {head}</translation>
    </message>
</context>
<context>
    <name>CompareLossChart</name>
    <message>
        <source>Chart: both models&apos; loss per word</source>
        <translation>图表：两个模型在每个词上的损失</translation>
    </message>
    <message>
        <source>loss (nats)</source>
        <translation>损失（奈特）</translation>
    </message>
</context>
<context>
    <name>ComparePanel</name>
    <message>
        <source>Masked</source>
        <translation>已掩码</translation>
    </message>
    <message>
        <source>A: top-k</source>
        <translation>A：前 k 个</translation>
    </message>
    <message>
        <source>B: top-k</source>
        <translation>B：前 k 个</translation>
    </message>
    <message>
        <source>Top-1</source>
        <translation>第 1 名</translation>
    </message>
    <message>
        <source>Both models&apos; candidates per masked word</source>
        <extracomment>words split differently named in the panel&apos;s line (all of them in its tooltip)</extracomment>
        <translation>两个模型对每个已掩码词的候选词</translation>
    </message>
    <message>
        <source>Model ▸ Compare with model… opens a second model to compare with.</source>
        <translation>“模型 ▸ 与模型比较…”可打开第二个模型进行比较。</translation>
    </message>
    <message>
        <source>Loss on masked tokens: A {a_masked}, B {b_masked}    on all tokens: A {a_all}, B {b_all}    top-1 agrees on {agree} of {count} masked words</source>
        <translation>已掩码词元上的损失：A {a_masked}，B {b_masked}    全部词元上：A {a_all}，B {b_all}    第 1 名预测在 {count} 个已掩码词中有 {agree} 个一致</translation>
    </message>
    <message>
        <source>Both tokenizers split every word the same way.</source>
        <translation>两个分词器对每个词的切分都相同。</translation>
    </message>
    <message>
        <source>Split differently ({n} words): {listed}</source>
        <translation>切分不同（{n} 个词）：{listed}</translation>
    </message>
    <message>
        <source>, and {n} more (point here for all)</source>
        <translation>，另有 {n} 个（指向此处查看全部）</translation>
    </message>
    <message>
        <source>{word}
split differently: A {a} | B {b}</source>
        <translation>{word}
切分不同：A {a} | B {b}</translation>
    </message>
    <message>
        <source>= agree</source>
        <translation>= 一致</translation>
    </message>
    <message>
        <source>≠ differ</source>
        <translation>≠ 不同</translation>
    </message>
</context>
<context>
    <name>GeometryPanel</name>
    <message>
        <source>click a token in any view to pin or unpin its path</source>
        <extracomment>the least height of the change heatmap, in lines of its axes&apos; font</extracomment>
        <translation>在任一视图中点击词元可固定或取消固定其路径</translation>
    </message>
    <message>
        <source>token</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>cosine similarity</source>
        <translation>余弦相似度</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Unpin all</source>
        <translation>全部取消固定</translation>
    </message>
    <message>
        <source>Bring this panel into view after an analysis to see the geometry of the model&apos;s hidden states</source>
        <translation>分析后打开此面板，可查看模型隐藏状态的几何</translation>
    </message>
    <message>
        <source>How far each layer turned each token&apos;s vector</source>
        <translation>每一层使每个词元的向量转动了多少</translation>
    </message>
    <message>
        <source>Cosine similarity of every pair of tokens</source>
        <translation>每对词元之间的余弦相似度</translation>
    </message>
    <message>
        <source>Mean cosine of distinct tokens: {every} (without special tokens: {ordinary})</source>
        <translation>不同词元间的平均余弦：{every}（不含特殊词元：{ordinary}）</translation>
    </message>
    <message>
        <source>Paths pinned: {names} · {hint}</source>
        <translation>已固定的路径：{names} · {hint}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>{row} {a} · {column} {b} · cosine {value}</source>
        <translation>{row} {a} · {column} {b} · 余弦 {value}</translation>
    </message>
    <message>
        <source>layer {layer} changed {column} {token} by {value} (1 − cos)</source>
        <translation>第 {layer} 层使 {column} {token} 变化了 {value}（1 − cos）</translation>
    </message>
</context>
<context>
    <name>Heatmap</name>
    <message>
        <source>Scroll to zoom, drag to pan, double-click to see it all</source>
        <translation>滚动缩放，拖动平移，双击查看全部</translation>
    </message>
    <message>
        <source>Point at a cell to read its value</source>
        <translation>指向单元格可读取其数值</translation>
    </message>
    <message>
        <source>Heatmap: {rows} by {columns}</source>
        <translation>热力图：{rows} × {columns}</translation>
    </message>
    <message>
        <source>Colour: {title}</source>
        <translation>颜色：{title}</translation>
    </message>
</context>
<context>
    <name>HiddenStatesView</name>
    <message>
        <source>Same for all layers</source>
        <extracomment>colour scales: key (the item&apos;s data, as settings store it), combo box text, tooltip</extracomment>
        <translation>所有层相同</translation>
    </message>
    <message>
        <source>One symmetric scale for every layer: layers compare, a layer of small values looks pale</source>
        <translation>所有层共用一个对称色标：各层可相互比较，数值小的层颜色较浅</translation>
    </message>
    <message>
        <source>Per layer</source>
        <translation>逐层</translation>
    </message>
    <message>
        <source>A symmetric scale fitted to the layer shown</source>
        <translation>按所显示的层拟合的对称色标</translation>
    </message>
    <message>
        <source>Per dimension</source>
        <translation>逐维度</translation>
    </message>
    <message>
        <source>Each hidden dimension divided by its own scale in the layer shown: shows which tokens stand out in a dimension, even a quiet one</source>
        <translation>每个隐藏维度除以其在所显示层中的尺度：显示哪些词元在某一维度上突出，即使该维度整体数值很小</translation>
    </message>
    <message>
        <source>Layer number</source>
        <extracomment>the colour scales&apos; keys, the first the default</extracomment>
        <translation>层号</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>层：</translation>
    </message>
    <message>
        <source>How values map to colours</source>
        <translation>数值如何映射到颜色</translation>
    </message>
    <message>
        <source>Scale:</source>
        <translation>色标：</translation>
    </message>
    <message>
        <source>token</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>hidden dimension</source>
        <translation>隐藏维度</translation>
    </message>
    <message>
        <source>activation</source>
        <translation>激活值</translation>
    </message>
    <message>
        <source>Run the model to see its hidden states</source>
        <translation>运行模型后可查看其隐藏状态</translation>
    </message>
    <message>
        <source>Hidden states were not requested for this run</source>
        <translation>本次运行未请求隐藏状态</translation>
    </message>
    <message>
        <source>embeddings</source>
        <translation>嵌入</translation>
    </message>
    <message>
        <source>layer {layer} of {last} (last)</source>
        <translation>第 {layer} 层，共 {last} 层（最后一层）</translation>
    </message>
    <message>
        <source>layer {layer} of {last}</source>
        <translation>第 {layer} 层，共 {last} 层</translation>
    </message>
    <message>
        <source>Each dimension divided by its {p}th percentile of |h| over the tokens of this layer</source>
        <translation>每个维度除以该层各词元 |h| 的第 {p} 百分位数</translation>
    </message>
    <message>
        <source>scaled activation</source>
        <translation>缩放后的激活值</translation>
    </message>
    <message>
        <source>Colour scale ±{bound} ({p}th percentile of |h| over this layer)</source>
        <translation>色标 ±{bound}（本层 |h| 的第 {p} 百分位数）</translation>
    </message>
    <message>
        <source>Colour scale ±{bound} ({p}th percentile of |h| over all layers)</source>
        <translation>色标 ±{bound}（所有层 |h| 的第 {p} 百分位数）</translation>
    </message>
    <message>
        <source>{row} · dimension {column} · {value}</source>
        <translation>{row} · 维度 {column} · {value}</translation>
    </message>
    <message>
        <source>{row} {token} · dimension {column} · {value}</source>
        <translation>{row} {token} · 维度 {column} · {value}</translation>
    </message>
    <message>
        <source> ({value} of the dimension&apos;s scale)</source>
        <translation>（为该维度尺度的 {value}）</translation>
    </message>
</context>
<context>
    <name>JointFillPanel</name>
    <message>
        <source>Mask two or more tokens: they are filled here one at a time, most confident first, the model rerun after each fill, next to each mask&apos;s own top guess.</source>
        <translation>掩码两个或更多词元：它们将在此逐个填充，置信度最高的优先，每次填充后重新运行模型，并与每个掩码各自的首选预测并列显示。</translation>
    </message>
    <message>
        <source>No token is masked: there is nothing to fill.</source>
        <translation>没有已掩码的词元：无可填充。</translation>
    </message>
    <message>
        <source>Bold: the filled masks. Highlighted: a mask filled otherwise than in the independent argmax (in the argmax: than in the joint fill). Log-prob: the fills&apos; summed log-probability.</source>
        <translation>粗体：已填充的掩码。高亮：填充结果与独立 argmax 不同的掩码（在 argmax 行中：与联合填充不同）。对数概率：各填充的对数概率之和。</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>Alone</source>
        <translation>单独预测</translation>
    </message>
    <message>
        <source>How many partial fills the beam keeps; 1 fills greedily only. Each step then runs that many copies of the text.</source>
        <translation>束搜索保留的部分填充数；1 表示只做贪心填充。每一步都会运行这么多份文本副本。</translation>
    </message>
    <message>
        <source>Beam width:</source>
        <translation>束宽：</translation>
    </message>
    <message>
        <source>(1 = greedy only, most confident first)</source>
        <translation>（1 = 仅贪心，置信度最高的优先）</translation>
    </message>
    <message>
        <source>Filled sentences</source>
        <translation>填充后的句子</translation>
    </message>
    <message>
        <source>Joint fill steps</source>
        <translation>联合填充步骤</translation>
    </message>
    <message>
        <source>Joint fill (most confident first)</source>
        <translation>联合填充（置信度最高的优先）</translation>
    </message>
    <message>
        <source>Beam of {n} (best fill)</source>
        <translation>束宽 {n}（最佳填充）</translation>
    </message>
    <message>
        <source>Independent argmax (each mask alone)</source>
        <translation>独立 argmax（每个掩码单独预测）</translation>
    </message>
    <message>
        <source>{title}   log-prob {value}</source>
        <translation>{title}   对数概率 {value}</translation>
    </message>
</context>
<context>
    <name>LayerPicker</name>
    <message>
        <source>Layer number</source>
        <translation>层号</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>层：</translation>
    </message>
    <message>
        <source>embeddings</source>
        <translation>嵌入</translation>
    </message>
    <message>
        <source>layer {layer} of {last} (last)</source>
        <translation>第 {layer} 层，共 {last} 层（最后一层）</translation>
    </message>
    <message>
        <source>layer {layer} of {last}</source>
        <translation>第 {layer} 层，共 {last} 层</translation>
    </message>
</context>
<context>
    <name>LensChart</name>
    <message>
        <source>Chart: rank of the selected token&apos;s words by layer</source>
        <extracomment>one colour per target word, in order (repeats after the last)</extracomment>
        <translation>图表：所选词元的各个词在每一层的排名</translation>
    </message>
    <message>
        <source>Chart: probability of the selected token&apos;s words by layer</source>
        <translation>图表：所选词元的各个词在每一层的概率</translation>
    </message>
    <message>
        <source>rank (log)</source>
        <translation>排名（对数）</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>layer (E = embeddings)</source>
        <translation>层（E = 嵌入）</translation>
    </message>
    <message>
        <source>Point at a token to follow it through the layers</source>
        <translation>指向一个词元，可跟踪它在各层中的变化</translation>
    </message>
    <message>
        <source>#{position} &apos;{token}&apos; through the layers</source>
        <translation>#{position} “{token}”在各层中的变化</translation>
    </message>
    <message>
        <source>original: {token}</source>
        <translation>原词元：{token}</translation>
    </message>
    <message>
        <source> (first piece {piece})</source>
        <translation>（首个子词 {piece}）</translation>
    </message>
    <message>
        <source>typed mask: its original token is unknown; type target words to follow</source>
        <translation>手动输入的掩码：其原词元未知；请输入要跟踪的目标词</translation>
    </message>
    <message>
        <source>Lines: the original token (thick, in the text&apos;s colour) and each target word. Rank 1 is the head&apos;s top guess.</source>
        <translation>曲线：原词元（粗线，文本颜色）及各目标词。排名 1 即预测头的首选预测。</translation>
    </message>
</context>
<context>
    <name>LensGrid</name>
    <message>
        <source>embeddings</source>
        <translation>嵌入</translation>
    </message>
    <message>
        <source>layer {layer} (output)</source>
        <translation>第 {layer} 层（输出）</translation>
    </message>
    <message>
        <source>layer {layer}</source>
        <translation>第 {layer} 层</translation>
    </message>
    <message>
        <source>typed mask: original unknown</source>
        <translation>手动输入的掩码：原词元未知</translation>
    </message>
    <message>
        <source>original &apos;{token}&apos;: rank {rank}, p = {p}</source>
        <translation>原词元“{token}”：排名 {rank}，p = {p}</translation>
    </message>
    <message>
        <source>Logit lens: the top guess by layer and token</source>
        <translation>Logit 透镜：每层每个词元的首选预测</translation>
    </message>
</context>
<context>
    <name>LensGridModel</name>
    <message>
        <source>{token}
#{position} masked</source>
        <translation>{token}
#{position} 已掩码</translation>
    </message>
</context>
<context>
    <name>LogitLensPanel</name>
    <message>
        <source>The model&apos;s guess at every layer appears here for the masked tokens.</source>
        <translation>已掩码词元在每一层的模型预测将显示在这里。</translation>
    </message>
    <message>
        <source>No token is masked: mask tokens, or tick &apos;All positions&apos; to look at every token.</source>
        <translation>没有已掩码的词元：请掩码词元，或勾选“所有位置”查看每个词元。</translation>
    </message>
    <message>
        <source>Each cell: the head&apos;s top guess at that layer, coloured by its probability; ✓ bold = the original token. Point at a cell for its top candidates.</source>
        <extracomment>typed targets apply after this pause</extracomment>
        <translation>每个单元格：预测头在该层的首选预测，按其概率着色；✓ 粗体 = 原词元。指向单元格可查看其前几名候选词。</translation>
    </message>
    <message>
        <source>All positions</source>
        <translation>所有位置</translation>
    </message>
    <message>
        <source>Look at every token, not only the masked ones (one vocabulary-sized projection per layer and token)</source>
        <translation>查看每个词元，而不仅是已掩码的词元（每层每个词元都要做一次词表大小的投影）</translation>
    </message>
    <message>
        <source>target words, comma-separated (e.g. lincoln, president); applied as you type</source>
        <translation>目标词，用逗号分隔（例如 lincoln, president）；输入时即生效</translation>
    </message>
    <message>
        <source>Targets:</source>
        <translation>目标词：</translation>
    </message>
    <message>
        <source>{problem}; the targets before this edit are kept</source>
        <translation>{problem}；保留此次编辑之前的目标词</translation>
    </message>
    <message>
        <source>Computing the lens with the new settings…</source>
        <translation>正在用新设置计算 Logit 透镜…</translation>
    </message>
</context>
<context>
    <name>LogitsHeatmap</name>
    <message>
        <source>Masked positions</source>
        <extracomment>&quot;All positions&quot; keeps this many candidates of each row: at top-k 50 the union of every row&apos;s candidates is ~1,000 columns, too many to read key (the item&apos;s data, as settings store it), combo box text</extracomment>
        <translation>已掩码位置</translation>
    </message>
    <message>
        <source>All positions</source>
        <translation>所有位置</translation>
    </message>
    <message>
        <source>Logits</source>
        <translation>logits</translation>
    </message>
    <message>
        <source>Probabilities</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>token</source>
        <extracomment>the rows and colour choices&apos; keys, the first of each the default</extracomment>
        <translation>词元</translation>
    </message>
    <message>
        <source>candidate</source>
        <translation>候选词</translation>
    </message>
    <message>
        <source>Rows:</source>
        <translation>行：</translation>
    </message>
    <message>
        <source>Colour:</source>
        <translation>颜色：</translation>
    </message>
    <message>
        <source>Run the model to see the logits of candidate tokens</source>
        <translation>运行模型后可查看候选词的 logits</translation>
    </message>
    <message>
        <source>Columns: the top {top} candidates of each position ({shown} of {count})</source>
        <translation>列：每个位置的前 {top} 个候选词（共 {count} 个中的 {shown} 个）</translation>
    </message>
    <message>
        <source>No masked tokens yet: click tokens to mask them, or show all positions.</source>
        <translation>尚无已掩码的词元：点击词元进行掩码，或显示所有位置。</translation>
    </message>
    <message>
        <source>Point at a cell to read its value · outlined cells: the true token</source>
        <translation>指向单元格可读取其数值 · 带边框的单元格：真实词元</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>logit</source>
        <translation>logit</translation>
    </message>
    <message>
        <source>{position} {token} · {candidate} (id {id}) · logit {logit} · p = {p}</source>
        <translation>{position} {token} · {candidate}（id {id}）· logit {logit} · p = {p}</translation>
    </message>
    <message>
        <source> · the true token</source>
        <translation> · 真实词元</translation>
    </message>
</context>
<context>
    <name>LossPanel</name>
    <message>
        <source>Mean cross-entropy of the true token at every position, masked or not (the reference notebook&apos;s labels = all input ids). It is low because the model sees the answers: at an unmasked position the true token is in its input, so it mostly copies it. exp(loss) is therefore not a pseudo-perplexity, which would mask each token in turn (see the Pseudo-likelihood panel).</source>
        <translation>每个位置（无论是否已掩码）上真实词元的平均交叉熵（参考笔记本的 labels = 全部 input ids）。该值偏低，因为模型能看到答案：在未掩码的位置，真实词元就在输入中，模型多半直接照抄。因此 exp(loss) 并不是伪困惑度——后者需要依次掩码每个词元（见“伪似然”面板）。</translation>
    </message>
    <message>
        <source>Loss on masked tokens</source>
        <translation>已掩码词元上的损失</translation>
    </message>
    <message>
        <source>Loss on all tokens (notebook convention: labels = all input ids)</source>
        <translation>全部词元上的损失（笔记本约定：labels = 全部 input ids）</translation>
    </message>
    <message>
        <source>Masked-token accuracy</source>
        <translation>掩码词元准确率</translation>
    </message>
    <message>
        <source>Mean cross-entropy of the true token at the masked positions, in nats. exp(loss) is the perplexity of those tokens: how many equally likely candidates the model hesitates between, on average.</source>
        <translation>已掩码位置上真实词元的平均交叉熵，单位为奈特。exp(loss) 是这些词元的困惑度：平均而言，模型在多少个等可能的候选词之间犹豫。</translation>
    </message>
    <message>
        <source>Masked tokens whose top candidate is the true token.</source>
        <translation>首选候选词即真实词元的已掩码词元比例。</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>no masked tokens</source>
        <translation>没有已掩码的词元</translation>
    </message>
    <message>
        <source>exp(loss) = {value}</source>
        <translation>exp(损失) = {value}</translation>
    </message>
    <message>
        <source>no masked tokens with a known true token</source>
        <translation>没有真实词元已知的已掩码词元</translation>
    </message>
    <message>
        <source>{correct} of {count} masked tokens guessed exactly</source>
        <translation>{count} 个已掩码词元中猜中 {correct} 个</translation>
    </message>
    <message>
        <source>Checking the MLM head on the last hidden state…</source>
        <translation>正在用最后一层隐藏状态检查 MLM 预测头…</translation>
    </message>
    <message>
        <source>Head check not run.</source>
        <translation>未运行预测头检查。</translation>
    </message>
    <message>
        <source>MLM head applied to the last hidden state reproduces the logits: max |Δ| = {diff} over {rows} positions ({which})</source>
        <translation>将 MLM 预测头作用于最后一层隐藏状态可复现 logits：在 {rows} 个位置（{which}）上最大 |Δ| = {diff}</translation>
    </message>
    <message>
        <source>MLM head applied to the last hidden state does NOT reproduce the logits: max |Δ| = {diff} over {rows} positions ({which})</source>
        <translation>将 MLM 预测头作用于最后一层隐藏状态【无法】复现 logits：在 {rows} 个位置（{which}）上最大 |Δ| = {diff}</translation>
    </message>
    <message>
        <source>; loss on masked tokens from it = {loss}</source>
        <translation>；由此算得的已掩码词元损失 = {loss}</translation>
    </message>
    <message>
        <source>every position</source>
        <translation>所有位置</translation>
    </message>
    <message>
        <source>no masks: the first and the last token are checked</source>
        <translation>没有掩码：检查第一个和最后一个词元</translation>
    </message>
    <message>
        <source>the {n} masked, the first and the last token</source>
        <translation>{n} 个已掩码词元，以及第一个和最后一个词元</translation>
    </message>
</context>
<context>
    <name>NormChart</name>
    <message>
        <source>One line per token (amber: masked). Point at a line, or at a row of the heatmap, to follow that token through the layers.</source>
        <translation>每个词元一条曲线（琥珀色：已掩码）。指向一条曲线或热力图的一行，可跟踪该词元在各层中的变化。</translation>
    </message>
    <message>
        <source>Chart: each token&apos;s hidden-state norm by layer</source>
        <translation>图表：每个词元的隐藏状态范数随层的变化</translation>
    </message>
    <message>
        <source>layer (0 = embeddings)</source>
        <translation>层（0 = 嵌入）</translation>
    </message>
    <message>
        <source>L2 norm of the token&apos;s vector</source>
        <translation>词元向量的 L2 范数</translation>
    </message>
    <message>
        <source>Run the model to see each token&apos;s norm across the layers</source>
        <translation>运行模型后可查看每个词元在各层的范数</translation>
    </message>
    <message>
        <source>Hidden states were not requested for this run</source>
        <translation>本次运行未请求隐藏状态</translation>
    </message>
    <message>
        <source>{position} {token}: norm {path}</source>
        <translation>{position} {token}：范数 {path}</translation>
    </message>
</context>
<context>
    <name>PanelSpec</name>
    <message>
        <source>Tokens</source>
        <extracomment>optional outputs of the masked-LM pass a panel may need; asked for only while it is visible each panel&apos;s title by id, in English (the dock shows it translated: PanelSpec.shown_title)</extracomment>
        <translation>词元</translation>
    </message>
    <message>
        <source>Logits heatmap</source>
        <translation>logits 热力图</translation>
    </message>
    <message>
        <source>Hidden states</source>
        <translation>隐藏状态</translation>
    </message>
    <message>
        <source>Logit lens</source>
        <translation>Logit 透镜</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>Geometry</source>
        <translation>几何</translation>
    </message>
    <message>
        <source>Saliency</source>
        <translation>显著性</translation>
    </message>
    <message>
        <source>Predictions</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Sentences</source>
        <translation>句子</translation>
    </message>
    <message>
        <source>Pseudo-likelihood</source>
        <translation>伪似然</translation>
    </message>
    <message>
        <source>Joint fill</source>
        <translation>联合填充</translation>
    </message>
</context>
<context>
    <name>PllPanel</name>
    <message>
        <source>The text&apos;s pseudo-log-likelihood appears here: each token masked in turn.</source>
        <translation>文本的伪对数似然将显示在这里：依次掩码每个词元。</translation>
    </message>
    <message>
        <source>surprisal −log p in nats (high end: less expected)</source>
        <translation>意外度 −log p，单位奈特（高端：越出乎意料）</translation>
    </message>
    <message>
        <source>whole-word PLL {pll} · pseudo-perplexity {ppl} · {n} tokens scored</source>
        <translation>整词伪对数似然 {pll} · 伪困惑度 {ppl} · 已评分 {n} 个词元</translation>
    </message>
    <message>
        <source>PLL {pll} · pseudo-perplexity {ppl} · {n} tokens scored</source>
        <translation>伪对数似然 {pll} · 伪困惑度 {ppl} · 已评分 {n} 个词元</translation>
    </message>
    <message>
        <source>&lt;b&gt;{token}&lt;/b&gt; (position {position}) is not scored (special or a typed mask)</source>
        <translation>&lt;b&gt;{token}&lt;/b&gt;（位置 {position}）未评分（特殊词元或手动输入的掩码）</translation>
    </message>
    <message>
        <source>&lt;b&gt;{token}&lt;/b&gt; (position {position}): log p = {log_p}, p = {p}, surprisal {surprisal} nats</source>
        <translation>&lt;b&gt;{token}&lt;/b&gt;（位置 {position}）：log p = {log_p}，p = {p}，意外度 {surprisal} 奈特</translation>
    </message>
    <message>
        <source>its copy also masked the later pieces of its word</source>
        <translation>其副本同时掩码了该词后续的子词</translation>
    </message>
    <message>
        <source>Masked alone, the model guesses (from the scoring pass): {guesses}</source>
        <translation>单独掩码时模型的预测（来自评分过程）：{guesses}</translation>
    </message>
    <message>
        <source>Whole words</source>
        <translation>整词</translation>
    </message>
    <message>
        <source>Kauf and Ivanova (2023): when scoring a word piece, also mask the later pieces of its word</source>
        <translation>Kauf 与 Ivanova（2023）：为子词评分时，同时掩码该词后续的子词</translation>
    </message>
    <message>
        <source>Colour by surprisal</source>
        <translation>按意外度着色</translation>
    </message>
    <message>
        <source>Tokens coloured by pseudo-log-likelihood</source>
        <translation>按伪对数似然着色的词元</translation>
    </message>
    <message>
        <source>Most expected</source>
        <translation>最符合预期</translation>
    </message>
    <message>
        <source>Least expected</source>
        <translation>最出乎意料</translation>
    </message>
    <message>
        <source>{token}  (position {position})  log p {log_p}</source>
        <translation>{token}  （位置 {position}）  log p {log_p}</translation>
    </message>
</context>
<context>
    <name>PredictionsPanel</name>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>候选词</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>Logit</source>
        <translation>logit</translation>
    </message>
    <message>
        <source>Insert into the text</source>
        <translation>插入文本</translation>
    </message>
    <message>
        <source>{mark} marks a piece that starts a word</source>
        <extracomment>the tooltip&apos;s explanation of the word-start mark</extracomment>
        <translation>{mark} 表示该子词位于词首</translation>
    </message>
    <message>
        <source>Click tokens below to mask them: the model&apos;s guesses for each masked token appear here.</source>
        <translation>点击下方的词元进行掩码：模型对每个已掩码词元的预测将显示在这里。</translation>
    </message>
    <message>
        <source>Predictions</source>
        <extracomment>(text, [position]) of an answer shown at once, until the analysis it stood for comes</extracomment>
        <translation>预测</translation>
    </message>
    <message>
        <source>Enter puts the candidate in the text</source>
        <translation>按 Enter 将候选词填入文本</translation>
    </message>
    <message>
        <source>Put this candidate in the text in place of the masked token</source>
        <translation>用此候选词替换文本中已掩码的词元</translation>
    </message>
    <message>
        <source>Type or load a text, then click its tokens to mask them.</source>
        <translation>输入或载入文本，然后点击其中的词元进行掩码。</translation>
    </message>
    <message>
        <source>Also answered at once, before this analysis, from the pseudo-likelihood pass (this token masked alone).</source>
        <translation>在本次分析之前，已由伪似然过程即时给出（仅掩码此词元）。</translation>
    </message>
    <message>
        <source>Position {position} · {mask} typed in the text</source>
        <translation>位置 {position} · 文本中手动输入的 {mask}</translation>
    </message>
    <message>
        <source>Position {position} · masked “{text}”</source>
        <translation>位置 {position} · 已掩码“{text}”</translation>
    </message>
    <message>
        <source>The text&apos;s characters here are unknown to the vocabulary: the model read {token}, and guesses are scored against {token}.</source>
        <translation>此处文本中的字符不在词表中：模型读到的是 {token}，预测也以 {token} 为准来评分。</translation>
    </message>
    <message>
        <source>token {token} (id {id})</source>
        <translation>词元 {token}（id {id}）</translation>
    </message>
    <message>
        <source>Double-click to put it in the text</source>
        <translation>双击可将其填入文本</translation>
    </message>
    <message>
        <source>{token}  ✓ true</source>
        <translation>{token}  ✓ 真实</translation>
    </message>
    <message>
        <source>true token unknown (typed mask)</source>
        <translation>真实词元未知（手动输入的掩码）</translation>
    </message>
    <message>
        <source>{token} is the vocabulary&apos;s unknown token: guesses are scored against {token}, not the text&apos;s characters</source>
        <translation>{token} 是词表中的未知词元：预测以 {token} 为准来评分，而不是文本中的字符</translation>
    </message>
    <message>
        <source>true: {token} — rank {rank}, p = {p}</source>
        <translation>真实：{token} — 排名 {rank}，p = {p}</translation>
    </message>
</context>
<context>
    <name>SaliencyChips</name>
    <message>
        <source>{token} (position {position}): {value}, {share} of the total |attribution| toward &apos;{candidate}&apos; at position {explained}</source>
        <translation>{token}（位置 {position}）：{value}，占总 |归因| 的 {share}，针对位置 {explained} 的“{candidate}”</translation>
    </message>
    <message>
        <source>{token} (position {position}): {value} toward &apos;{candidate}&apos; at position {explained}</source>
        <translation>{token}（位置 {position}）：{value}，针对位置 {explained} 的“{candidate}”</translation>
    </message>
</context>
<context>
    <name>SaliencyLegend</name>
    <message>
        <source>−{value}  lowered</source>
        <translation>−{value}  降低</translation>
    </message>
    <message>
        <source>+{value}  raised</source>
        <translation>+{value}  提高</translation>
    </message>
</context>
<context>
    <name>SaliencyPanel</name>
    <message>
        <source>Which words drove the model&apos;s guess at a masked token appears here.</source>
        <translation>哪些词驱动了模型对某个已掩码词元的预测，将显示在这里。</translation>
    </message>
    <message>
        <source>Towards the bar&apos;s “raised” end: the token raised the candidate&apos;s log-probability; towards “lowered”: it lowered it. Point at a token for its value; click a masked token to explain it.</source>
        <extracomment>names the colour bar&apos;s ends, not colours: the diverging map is the user&apos;s choice</extracomment>
        <translation>越接近色标的“提高”端：该词元提高了候选词的对数概率；越接近“降低”端：降低了它。指向词元可查看其数值；点击已掩码词元可解释它。</translation>
    </message>
    <message>
        <source>&apos;{candidate}&apos; at position {position}: log-probability {log_prob}, {method}</source>
        <translation>位置 {position} 的“{candidate}”：对数概率 {log_prob}，{method}</translation>
    </message>
    <message>
        <source>{head}, {steps} steps. Attributions sum to {total}; input − baseline (every word masked) = {gap} (convergence delta {delta}).</source>
        <translation>{head}，{steps} 步。归因之和为 {total}；输入 − 基线（所有词都掩码）= {gap}（收敛误差 {delta}）。</translation>
    </message>
    <message>
        <source>The masked token whose guess is explained</source>
        <extracomment>the narrowest the position and candidate boxes get, in characters (an empty box too)</extracomment>
        <translation>要解释其预测的已掩码词元</translation>
    </message>
    <message>
        <source>The candidate explained (the model&apos;s top-1 by default)</source>
        <translation>要解释的候选词（默认为模型的第 1 名）</translation>
    </message>
    <message>
        <source>Integrated gradients: points on the path from the baseline</source>
        <translation>积分梯度：从基线出发的路径上的取点数</translation>
    </message>
    <message>
        <source>Position:</source>
        <translation>位置：</translation>
    </message>
    <message>
        <source>Candidate:</source>
        <translation>候选词：</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>方法：</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>步数：</translation>
    </message>
    <message>
        <source>Tokens coloured by saliency</source>
        <translation>按显著性着色的词元</translation>
    </message>
</context>
<context>
    <name>SentencesPanel</name>
    <message>
        <source>Masked input</source>
        <translation>已掩码的输入</translation>
    </message>
    <message>
        <source>Model&apos;s argmax at every position</source>
        <translation>模型在每个位置的 argmax</translation>
    </message>
    <message>
        <source>True text</source>
        <translation>真实文本</translation>
    </message>
    <message>
        <source>Tokens joined by spaces (as the notebook prints them)</source>
        <translation>以空格连接的词元（与笔记本的打印方式相同）</translation>
    </message>
    <message>
        <source>Sentences</source>
        <extracomment>the user switched between decoded lines (False) and tokens joined by spaces (True)</extracomment>
        <translation>句子</translation>
    </message>
    <message>
        <source>Off: each line decoded as the tokenizer decodes it. On: the tokenizer&apos;s own token strings (##, Ġ, ▁ and all), special tokens included.</source>
        <translation>关闭：每行按分词器的解码方式解码。开启：显示分词器自己的词元字符串（含 ##、Ġ、▁ 等），包括特殊词元。</translation>
    </message>
    <message>
        <source>The masked input, the model&apos;s guess at every position and the true text appear here after a run.</source>
        <translation>运行后，已掩码的输入、模型在每个位置的预测以及真实文本将显示在这里。</translation>
    </message>
    <message>
        <source>{wrong} of {count} positions differ from the true token</source>
        <translation>{count} 个位置中有 {wrong} 个与真实词元不同</translation>
    </message>
</context>
<context>
    <name>TargetsNote</name>
    <message>
        <source>Only these words: {words}</source>
        <translation>仅限这些词：{words}</translation>
    </message>
    <message>
        <source>“{word}” is a special token of the model, not a word: left out</source>
        <translation>“{word}”是模型的特殊词元，不是词：已略去</translation>
    </message>
    <message>
        <source>“{word}” is not in the model&apos;s vocabulary: left out</source>
        <translation>“{word}”不在模型的词表中：已略去</translation>
    </message>
    <message>
        <source>“{word}” is {n} pieces ({pieces}): only its first, {first}, is a candidate</source>
        <translation>“{word}”由 {n} 个片段组成（{pieces}）：只有第一个片段 {first} 作为候选词</translation>
    </message>
    <message>
        <source>Words are matched as they read after a space, as a masked word usually does ({word} as {token})</source>
        <translation>词按其位于空格之后的形式匹配，与被掩码的词通常的形式一致（{word} 视为 {token}）</translation>
    </message>
</context>
<context>
    <name>TokenLossChart</name>
    <message>
        <source>Chart: loss per token</source>
        <translation>图表：每个词元的损失</translation>
    </message>
    <message>
        <source>loss (nats)</source>
        <translation>损失（奈特）</translation>
    </message>
    <message>
        <source>Loss of the true token at each position, in nats (amber: masked, grey: special tokens, violet ▲: typed mask, no true token)</source>
        <extracomment>the bars&apos; fills (masked, special, other) and their pen, made once</extracomment>
        <translation>每个位置上真实词元的损失，单位奈特（琥珀色：已掩码，灰色：特殊词元，紫色 ▲：手动输入的掩码，无真实词元）</translation>
    </message>
    <message>
        <source>Scroll to zoom along the tokens, double-click to see them all</source>
        <translation>滚动可沿词元方向缩放，双击查看全部</translation>
    </message>
    <message>
        <source> · {n} typed mask(s) have no true token and no bar</source>
        <translation> · {n} 个手动输入的掩码没有真实词元，因此没有柱</translation>
    </message>
    <message>
        <source>Point at a bar to read its token and loss</source>
        <translation>指向柱可读取其词元和损失</translation>
    </message>
    <message>
        <source> (masked)</source>
        <translation>（已掩码）</translation>
    </message>
    <message>
        <source> (typed mask)</source>
        <translation>（手动输入的掩码）</translation>
    </message>
    <message>
        <source> (special)</source>
        <translation>（特殊词元）</translation>
    </message>
    <message>
        <source>position {position} · {token}{state} · no loss: the true token is unknown</source>
        <translation>位置 {position} · {token}{state} · 无损失：真实词元未知</translation>
    </message>
    <message>
        <source>{loss} nats</source>
        <translation>{loss} 奈特</translation>
    </message>
    <message>
        <source>position {position} · {token}{state} · loss {loss} · rank of true token {rank}</source>
        <translation>位置 {position} · {token}{state} · 损失 {loss} · 真实词元排名 {rank}</translation>
    </message>
</context>
<context>
    <name>TokenPaths</name>
    <message>
        <source>Chart: the tokens&apos; paths through the layers</source>
        <extracomment>colours of pinned paths, in pinning order (blue is the hover colour) how near the pointer must be to a point to point at its token, in pixels the most entries the key stacks in one column the chart&apos;s least height, in lines of its axes&apos; font each pinned token keeps its colour while it stays pinned</extracomment>
        <translation>图表：词元在各层中的路径</translation>
    </message>
    <message>
        <source>PC1 ({share}%)</source>
        <translation>PC1（{share}%）</translation>
    </message>
    <message>
        <source>PC2 ({share}%)</source>
        <translation>PC2（{share}%）</translation>
    </message>
</context>
<context>
    <name>TokenStrip</name>
    <message>
        <source>Tokens appear here. Click: mask or unmask · Shift+click: a range · Ctrl+click: a word</source>
        <translation>词元显示在这里。点击：掩码或取消掩码 · Shift+点击：一个范围 · Ctrl+点击：一个词</translation>
    </message>
    <message>
        <source>Token chips</source>
        <translation>词元块</translation>
    </message>
    <message>
        <source>Left and Right move between tokens; Space masks or unmasks one, Ctrl+Space its word</source>
        <translation>左右方向键在词元间移动；空格键掩码或取消掩码一个词元，Ctrl+空格键掩码或取消掩码其整个词</translation>
    </message>
    <message>
        <source>&lt;b&gt;{token}&lt;/b&gt; &amp;nbsp; id {id} · position {position}</source>
        <translation>&lt;b&gt;{token}&lt;/b&gt; &amp;nbsp; id {id} · 位置 {position}</translation>
    </message>
    <message>
        <source>characters {start}–{end}: “{chars}”</source>
        <translation>字符 {start}–{end}：“{chars}”</translation>
    </message>
    <message>
        <source>no characters in the text (added by the tokenizer)</source>
        <translation>在文本中没有对应字符（由分词器添加）</translation>
    </message>
    <message>
        <source>special token: not maskable</source>
        <translation>特殊词元：不可掩码</translation>
    </message>
    <message>
        <source>mask typed in the text: its true token is unknown</source>
        <translation>文本中手动输入的掩码：其真实词元未知</translation>
    </message>
    <message>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <source>this model&apos;s mask token is {mask}; type {spellings} for any model</source>
        <translation>此模型的掩码词元是 {mask}；输入 {spellings} 适用于任何模型</translation>
    </message>
    <message>
        <source>&lt;b&gt;unknown to the vocabulary&lt;/b&gt;: the model reads {token} here, not these characters; masked, its guesses are scored against {token}</source>
        <translation>&lt;b&gt;不在词表中&lt;/b&gt;：模型在此读到的是 {token}，而不是这些字符；掩码后，其预测以 {token} 为准来评分</translation>
    </message>
    <message>
        <source>{loss} nats</source>
        <translation>{loss} 奈特</translation>
    </message>
    <message>
        <source>loss on the true token: {loss}</source>
        <translation>真实词元上的损失：{loss}</translation>
    </message>
    <message>
        <source>loss on the true token (visible to the model: not masked): {loss}</source>
        <translation>真实词元上的损失（模型可见：未掩码）：{loss}</translation>
    </message>
    <message>
        <source>rank of the true token: {rank} (1 = model&apos;s top guess)</source>
        <translation>真实词元的排名：{rank}（1 = 模型的首选预测）</translation>
    </message>
    <message>
        <source>&lt;i&gt;masked — click to unmask&lt;/i&gt;</source>
        <translation>&lt;i&gt;已掩码 — 点击取消掩码&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;i&gt;click to mask · Shift+click: range · Ctrl+click: whole word&lt;/i&gt;</source>
        <translation>&lt;i&gt;点击掩码 · Shift+点击：范围 · Ctrl+点击：整词&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Unmask token</source>
        <translation>取消掩码词元</translation>
    </message>
    <message>
        <source>Mask token</source>
        <translation>掩码词元</translation>
    </message>
    <message>
        <source>Mask whole word</source>
        <translation>掩码整个词</translation>
    </message>
</context>
</TS>
