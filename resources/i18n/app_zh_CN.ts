<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>not installed</source>
        <extracomment>the icon&apos;s size in the dialog, in logical pixels</extracomment>
        <translation>未安装</translation>
    </message>
    <message>
        <source>Explore masked language models by pointing and clicking.</source>
        <translation>点一点，探索掩码语言模型。</translation>
    </message>
    <message>
        <source>Device: {device}</source>
        <translation>设备：{device}</translation>
    </message>
    <message>
        <source>no model loaded</source>
        <translation>未加载模型</translation>
    </message>
    <message>
        <source>About MLM Desktop</source>
        <translation>关于 MLM Desktop</translation>
    </message>
</context>
<context>
    <name>AppSettings</name>
    <message>
        <source>the settings file {file} holds {count} entries that are not MLM Desktop settings (is it damaged?)</source>
        <extracomment>the highest hidden-state layer remembered (models have a few dozen) the groups of keys this app writes stored values that could not be used: a plain note for each, by key</extracomment>
        <translation>设置文件 {file} 中有 {count} 项不是 MLM Desktop 的设置（文件是否已损坏？）</translation>
    </message>
    <message>
        <source>{key} {value} (not text)</source>
        <translation>{key} {value}（不是文本）</translation>
    </message>
    <message>
        <source>the {label} (not readable)</source>
        <translation>{label}（无法读取）</translation>
    </message>
    <message>
        <source>the {label} (not a list)</source>
        <translation>{label}（不是列表）</translation>
    </message>
    <message>
        <source>the {label} {value} (not one of {choices})</source>
        <translation>{label} {value}（不在 {choices} 之中）</translation>
    </message>
    <message>
        <source>the device {value} (not one of {choices})</source>
        <translation>设备 {value}（不在 {choices} 之中）</translation>
    </message>
    <message>
        <source>recent models</source>
        <translation>最近的模型</translation>
    </message>
    <message>
        <source>models trusted to run their code</source>
        <translation>允许运行自身代码的模型</translation>
    </message>
    <message>
        <source>masks</source>
        <translation>掩码</translation>
    </message>
    <message>
        <source>the masks (they do not fit the text)</source>
        <translation>掩码（与文本不符）</translation>
    </message>
    <message>
        <source>the hidden-state layer {value} (not a layer from 0 to {last})</source>
        <translation>隐藏状态层 {value}（不是 0 到 {last} 之间的层）</translation>
    </message>
    <message>
        <source>hidden-state colour scale</source>
        <translation>隐藏状态色标</translation>
    </message>
    <message>
        <source>logits heatmap rows</source>
        <translation>logits 热力图的行</translation>
    </message>
    <message>
        <source>logits heatmap colour</source>
        <translation>logits 热力图的着色</translation>
    </message>
    <message>
        <source>recent files</source>
        <translation>最近的文件</translation>
    </message>
    <message>
        <source>language</source>
        <extracomment>the names of these settings in the notes about them (translated where a note is written)</extracomment>
        <translation>语言</translation>
    </message>
    <message>
        <source>theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>sequential colour map</source>
        <translation>顺序色图</translation>
    </message>
    <message>
        <source>diverging colour map</source>
        <translation>发散色图</translation>
    </message>
    <message>
        <source>typing pause</source>
        <translation>输入停顿</translation>
    </message>
    <message>
        <source>maximum length</source>
        <translation>最大长度</translation>
    </message>
    <message>
        <source>the {label} {value} (must be between {low} and {high}; using {default})</source>
        <extracomment>the interface languages: QSettings value -&gt; its name, in its own language System follows the desktop&apos;s light or dark colour scheme the pause after typing before the text is analysed again, in milliseconds</extracomment>
        <translation>{label} {value}（必须在 {low} 到 {high} 之间；改用 {default}）</translation>
    </message>
    <message>
        <source>the Sentences panel&apos;s mode {value} (not true or false)</source>
        <translation>句子面板的模式 {value}（不是 true 或 false）</translation>
    </message>
</context>
<context>
    <name>CompareController</name>
    <message>
        <source>Opening {model} to compare with…</source>
        <extracomment>how long &quot;Stop comparing&quot; waits for the second thread before leaving it behind second threads that would not stop in time (destroying a running QThread aborts) a comparison was drawn: the Comparison the second model loaded: its ModelInfo loading or running the second model failed: the plain message</extracomment>
        <translation>正在打开 {model} 用于比较…</translation>
    </message>
    <message>
        <source>Not comparing. Model ▸ Compare with model… opens a second model.</source>
        <translation>未在比较。模型 ▸ 与模型比较… 可打开第二个模型。</translation>
    </message>
    <message>
        <source>Compare models</source>
        <translation>比较模型</translation>
    </message>
    <message>
        <source> (still comparing with {model})</source>
        <translation>（仍在与 {model} 比较）</translation>
    </message>
    <message>
        <source>Could not open {model}: {message}{kept}</source>
        <translation>无法打开 {model}：{message}{kept}</translation>
    </message>
    <message>
        <source>The second model could not analyse this text: {message}</source>
        <translation>第二个模型无法分析这段文本：{message}</translation>
    </message>
</context>
<context>
    <name>CompareModelDialog</name>
    <message>
        <source>A second masked LM: Hugging Face model id (e.g. roberta-base) or local folder:</source>
        <extracomment>what the dialog offers at first: a masked LM of another family than BERT</extracomment>
        <translation>第二个掩码语言模型：Hugging Face 模型 ID（如 roberta-base）或本地文件夹：</translation>
    </message>
    <message>
        <source>Choose a model folder to compare with (saved with save_pretrained)</source>
        <translation>选择用于比较的模型文件夹（用 save_pretrained 保存）</translation>
    </message>
    <message>
        <source>Compare with model</source>
        <extracomment>Browse… chose this folder</extracomment>
        <translation>与模型比较</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose a local model folder</source>
        <translation>选择本地模型文件夹</translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <source>Not analysed: the model reads at most {tokens} tokens, which end at character {analysed:,}; the {left:,} characters after it were left out</source>
        <extracomment>how long closing waits for a running job to stop before leaving it behind worker threads that would not stop: kept referenced, as destroying a running QThread aborts the process (``run_gui`` exits without destroying them) False once closing left a job running (``run_gui`` then ends the process)</extracomment>
        <translation>未分析：模型最多读取 {tokens} 个词元，止于第 {analysed:,} 个字符；其后的 {left:,} 个字符未被读取</translation>
    </message>
</context>
<context>
    <name>DeviceMenu</name>
    <message>
        <source>&amp;Automatic</source>
        <translation>自动(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;CPU</source>
        <translation>&amp;CPU</translation>
    </message>
    <message>
        <source>C&amp;UDA (NVIDIA GPU)</source>
        <translation>C&amp;UDA（NVIDIA GPU）</translation>
    </message>
    <message>
        <source>&amp;MPS (Apple GPU)</source>
        <translation>&amp;MPS（Apple GPU）</translation>
    </message>
    <message>
        <source>&amp;Device</source>
        <translation>设备(&amp;D)</translation>
    </message>
    <message>
        <source>looking for a {device} device while the model libraries load</source>
        <translation>模型库加载期间正在查找 {device} 设备</translation>
    </message>
    <message>
        <source>{device} is not available on this machine</source>
        <translation>本机没有可用的 {device}</translation>
    </message>
</context>
<context>
    <name>ExportActions</name>
    <message>
        <source>Nothing to export yet: the analysis has no result.</source>
        <extracomment>the banner of every file action how long a passing note (&quot;Exported to …&quot;) stays in the status bar</extracomment>
        <translation>暂无可导出的内容：分析还没有结果。</translation>
    </message>
    <message>
        <source>Export the analysis as {format}</source>
        <translation>将分析导出为 {format}</translation>
    </message>
    <message>
        <source>{format} files (*.{suffix});;All files (*)</source>
        <translation>{format} 文件 (*.{suffix});;所有文件 (*)</translation>
    </message>
    <message>
        <source>Could not export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>Exported to</source>
        <translation>已导出到</translation>
    </message>
    <message>
        <source>Export the plot as {format}</source>
        <translation>将图导出为 {format}</translation>
    </message>
    <message>
        <source>{format} images (*.{suffix});;All files (*)</source>
        <translation>{format} 图像 (*.{suffix});;所有文件 (*)</translation>
    </message>
    <message>
        <source>Export the table as CSV</source>
        <translation>将表格导出为 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>{path} could not be written ({reason})</source>
        <translation>无法写入 {path}（{reason}）</translation>
    </message>
    <message>
        <source>Table copied to the clipboard (CSV)</source>
        <translation>表格已复制到剪贴板（CSV）</translation>
    </message>
    <message>
        <source>Export plot as {format}…</source>
        <translation>将图导出为 {format}…</translation>
    </message>
    <message>
        <source>Copy table</source>
        <translation>复制表格</translation>
    </message>
    <message>
        <source>Export table as CSV…</source>
        <translation>将表格导出为 CSV…</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>Text files (*.txt *.md *.text);;All files (*)</source>
        <translation>文本文件 (*.txt *.md *.text);;所有文件 (*)</translation>
    </message>
    <message>
        <source>MLM Desktop sessions (*.mlm-session.json *.json);;All files (*)</source>
        <translation>MLM Desktop 会话 (*.mlm-session.json *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>{what}: {error}</source>
        <extracomment>File ▸ Export, and the context menus of plots and tables</extracomment>
        <translation>{what}：{error}</translation>
    </message>
    <message>
        <source>{what} {path}</source>
        <translation>{what} {path}</translation>
    </message>
    <message>
        <source>Open a text file (UTF-8)</source>
        <translation>打开文本文件（UTF-8）</translation>
    </message>
    <message>
        <source>Could not open the text</source>
        <translation>无法打开文本</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>已打开</translation>
    </message>
    <message>
        <source>Save the session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>Could not save the session</source>
        <translation>无法保存会话</translation>
    </message>
    <message>
        <source>{path} could not be written ({reason})</source>
        <translation>无法写入 {path}（{reason}）</translation>
    </message>
    <message>
        <source>Session saved to</source>
        <translation>会话已保存到</translation>
    </message>
    <message>
        <source>Open a session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>Could not open the session {name}</source>
        <translation>无法打开会话 {name}</translation>
    </message>
    <message>
        <source>it is not UTF-8 text</source>
        <translation>它不是 UTF-8 文本</translation>
    </message>
    <message>
        <source>it could not be read ({reason})</source>
        <translation>无法读取它（{reason}）</translation>
    </message>
    <message>
        <source>Opened the session</source>
        <translation>已打开会话</translation>
    </message>
    <message>
        <source>The session {name} was opened; these could not be used: {notes}.</source>
        <translation>已打开会话 {name}；以下内容无法使用：{notes}。</translation>
    </message>
</context>
<context>
    <name>FileMenu</name>
    <message>
        <source>{title} ({index} of {count})</source>
        <translation>{title}（第 {index} 个，共 {count} 个）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <extracomment>panel id, which of its plots, &quot;PNG&quot; or &quot;SVG&quot; panel id, which of its tables</extracomment>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open text…</source>
        <translation>打开文本(&amp;O)…</translation>
    </message>
    <message>
        <source>Recent &amp;files</source>
        <translation>最近的文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;session…</source>
        <translation>打开会话(&amp;S)…</translation>
    </message>
    <message>
        <source>Sa&amp;ve session…</source>
        <translation>保存会话(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Analysis as &amp;JSON…</source>
        <translation>分析结果导出为 &amp;JSON…</translation>
    </message>
    <message>
        <source>Analysis as &amp;NPZ arrays…</source>
        <translation>分析结果导出为 &amp;NPZ 数组…</translation>
    </message>
    <message>
        <source>&amp;Plot</source>
        <translation>图(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Table</source>
        <translation>表格(&amp;T)</translation>
    </message>
    <message>
        <source>{format}…</source>
        <translation>{format}…</translation>
    </message>
    <message>
        <source>No plot in view</source>
        <translation>当前没有显示的图</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>Copy to clipboard</source>
        <translation>复制到剪贴板</translation>
    </message>
    <message>
        <source>No table in view</source>
        <translation>当前没有显示的表格</translation>
    </message>
</context>
<context>
    <name>GraphicsScene</name>
    <message>
        <source>Export...</source>
        <translation>导出…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>MLM Desktop</source>
        <extracomment>a model folder was chosen in a folder dialog (the next one starts there)</extracomment>
        <translation>MLM Desktop</translation>
    </message>
    <message>
        <source>▶ Run</source>
        <extracomment>the model folder chosen last (either picker starts there); &quot;&quot; for none yet</extracomment>
        <translation>▶ 运行</translation>
    </message>
    <message>
        <source>Analyse the text now (Ctrl+Enter)</source>
        <translation>立即分析文本（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Random mask</source>
        <translation>随机掩码</translation>
    </message>
    <message>
        <source>Mask each token with the given probability, drawn with the given seed</source>
        <translation>按给定概率遮盖每个词元，使用给定的随机种子抽取</translation>
    </message>
    <message>
        <source>↻ Re-roll</source>
        <translation>↻ 重新抽取</translation>
    </message>
    <message>
        <source>A new random mask with a new seed</source>
        <translation>用新的随机种子重新生成随机掩码</translation>
    </message>
    <message>
        <source>✕ Clear masks</source>
        <translation>✕ 清除掩码</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;About MLM Desktop</source>
        <translation>关于 MLM Desktop(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Analysis</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Open hub model</source>
        <translation>打开 Hub 模型</translation>
    </message>
    <message>
        <source>Hugging Face model id (a masked LM, e.g. bert-base-uncased, roberta-base):</source>
        <translation>Hugging Face 模型 ID（掩码语言模型，如 bert-base-uncased、roberta-base）：</translation>
    </message>
    <message>
        <source>Open a model folder (saved with save_pretrained)</source>
        <translation>打开模型文件夹（用 save_pretrained 保存）</translation>
    </message>
</context>
<context>
    <name>MessageBanner</name>
    <message>
        <source>Dismiss</source>
        <extracomment>the width a message&apos;s text needs beside its buttons; narrower, the buttons go under it (background, text and border) of each level, in a light theme the same in a dark theme</extracomment>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ModelController</name>
    <message>
        <source>the model</source>
        <extracomment>a model finished loading: its ModelInfo a model could not be loaded: the plain message the model asked for last, loaded or not models trusted for this run only (the command line&apos;s flag) this machine&apos;s devices; None until the worker has imported torch a load that waits for ``usable`` to check its device</extracomment>
        <translation>该模型</translation>
    </message>
</context>
<context>
    <name>ModelMenu</name>
    <message>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>Open &amp;hub model…</source>
        <translation>打开 Hub 模型(&amp;H)…</translation>
    </message>
    <message>
        <source>Open local &amp;folder…</source>
        <translation>打开本地文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Download {model}</source>
        <translation>下载 {model}(&amp;D)</translation>
    </message>
    <message>
        <source>Download {model}, the reference notebook&apos;s model (needs the hub), or open it from the local cache</source>
        <translation>下载参考笔记本所用的模型 {model}（需要连接 Hub），或从本地缓存打开</translation>
    </message>
    <message>
        <source>A small English model shipped with the app; works offline</source>
        <translation>随应用附带的小型英文模型，可离线使用</translation>
    </message>
    <message>
        <source>&amp;Cached masked LMs</source>
        <translation>已缓存的掩码语言模型(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Recent models</source>
        <translation>最近的模型(&amp;R)</translation>
    </message>
    <message>
        <source>Use the bundled de&amp;mo model</source>
        <translation>使用内置演示模型(&amp;M)</translation>
    </message>
    <message>
        <source>Com&amp;pare with model…</source>
        <translation>与模型比较(&amp;P)…</translation>
    </message>
    <message>
        <source>Open a second masked LM and compare it with this one</source>
        <translation>打开第二个掩码语言模型，与当前模型比较</translation>
    </message>
    <message>
        <source>&amp;Stop comparing</source>
        <translation>停止比较(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Trust remote code</source>
        <translation>信任远程代码(&amp;T)</translation>
    </message>
    <message>
        <source>Let this model run its own code from its repository (only for authors you trust); remembered for this model only, every other model is asked again</source>
        <translation>允许此模型运行其仓库中的自带代码（仅限你信任的作者）；只对此模型记住此选择，其他模型会再次询问</translation>
    </message>
    <message>
        <source>No masked LMs in the local cache</source>
        <translation>本地缓存中没有掩码语言模型</translation>
    </message>
    <message>
        <source>No recent models</source>
        <translation>没有最近的模型</translation>
    </message>
</context>
<context>
    <name>ModelWorker</name>
    <message>
        <source>no model is loaded yet</source>
        <extracomment>the longest the worker waits for the window&apos;s first paint before importing anyway kind, request id, result (ModelInfo for &quot;load&quot;, the unit&apos;s result otherwise) kind, request id, a plain one-line message kind, request id, done, total (total 0 when unknown); 64-bit, as downloads pass 2 GiB the devices this machine offers, once the worker has imported torch emitted from any thread to wake the worker (connected queued) the devices this machine offers, once :meth:`warm_up` has run set when the worker may start importing (the window holds it until its first paint)</extracomment>
        <translation>尚未加载模型</translation>
    </message>
    <message>
        <source>loading the model was interrupted</source>
        <translation>模型加载被中断</translation>
    </message>
    <message>
        <source>the analysis was interrupted</source>
        <translation>分析被中断</translation>
    </message>
</context>
<context>
    <name>NavigationActions</name>
    <message>
        <source>&amp;Mask or unmask token at cursor</source>
        <extracomment>the text cursor&apos;s position in code points: mask or unmask the token there the same for the whole word there +1 the next masked token after the text cursor, -1 the previous one +1 the next layer, -1 the previous one, in the panels in view that show one</extracomment>
        <translation>掩码或取消掩码光标处的词元(&amp;M)</translation>
    </message>
    <message>
        <source>Mask the token under the text cursor, or unmask it</source>
        <translation>掩码文本光标处的词元，或取消其掩码</translation>
    </message>
    <message>
        <source>Mask or unmask &amp;word at cursor</source>
        <translation>掩码或取消掩码光标处的整词(&amp;W)</translation>
    </message>
    <message>
        <source>Mask every piece of the word under the text cursor</source>
        <translation>掩码文本光标处单词的每个片段</translation>
    </message>
    <message>
        <source>&amp;Next masked token</source>
        <translation>下一个已掩码词元(&amp;N)</translation>
    </message>
    <message>
        <source>Select the next masked token in the text and chips</source>
        <translation>在文本和词元块中选中下一个已掩码词元</translation>
    </message>
    <message>
        <source>&amp;Previous masked token</source>
        <translation>上一个已掩码词元(&amp;P)</translation>
    </message>
    <message>
        <source>Next &amp;layer</source>
        <translation>下一层(&amp;L)</translation>
    </message>
    <message>
        <source>The next layer in the panels in view that show one</source>
        <translation>在可见且显示层的面板中切换到下一层</translation>
    </message>
    <message>
        <source>Pre&amp;vious layer</source>
        <translation>上一层(&amp;V)</translation>
    </message>
    <message>
        <source>Go to the &amp;text</source>
        <translation>转到文本(&amp;T)</translation>
    </message>
    <message>
        <source>Go to the to&amp;ken chips</source>
        <translation>转到词元块(&amp;K)</translation>
    </message>
    <message>
        <source>Next &amp;panel</source>
        <translation>下一个面板(&amp;P)</translation>
    </message>
    <message>
        <source>Move the keyboard to the next open panel</source>
        <translation>将键盘焦点移到下一个打开的面板</translation>
    </message>
    <message>
        <source>Previous pa&amp;nel</source>
        <translation>上一个面板(&amp;N)</translation>
    </message>
    <message>
        <source>Mas&amp;ks</source>
        <translation>掩码(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Navigate</source>
        <translation>导航(&amp;N)</translation>
    </message>
</context>
<context>
    <name>OptionsBar</name>
    <message>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <source> p </source>
        <translation> 概率 </translation>
    </message>
    <message>
        <source>Random mask probability</source>
        <translation>随机掩码概率</translation>
    </message>
    <message>
        <source>Probability of masking each token</source>
        <translation>遮盖每个词元的概率</translation>
    </message>
    <message>
        <source> seed </source>
        <translation> 随机种子 </translation>
    </message>
    <message>
        <source>Random mask seed</source>
        <translation>随机掩码种子</translation>
    </message>
    <message>
        <source>Seed of the random mask (the same seed masks the same tokens)</source>
        <translation>随机掩码的随机种子（相同的随机种子遮盖相同的词元）</translation>
    </message>
    <message>
        <source> top-k </source>
        <translation> 前 k 个 </translation>
    </message>
    <message>
        <source>Candidates shown (top-k)</source>
        <translation>显示的候选词数（前 k 个）</translation>
    </message>
    <message>
        <source>Candidates shown per masked token</source>
        <translation>每个已掩码词元显示的候选词数</translation>
    </message>
    <message>
        <source>Whole words</source>
        <translation>整词</translation>
    </message>
    <message>
        <source>Masking a piece of a word masks the whole word</source>
        <translation>遮盖词的一部分时遮盖整个词</translation>
    </message>
    <message>
        <source> Only these words </source>
        <translation> 仅限这些词 </translation>
    </message>
    <message>
        <source>any word</source>
        <translation>任意词</translation>
    </message>
    <message>
        <source>Candidates only among these words (comma- or space-separated, e.g. Paris, London), ranked by their probability over the whole vocabulary. Empty: every word.</source>
        <translation>候选词仅限于这些词（以逗号或空格分隔，例如 Paris, London），按其在整个词表上的概率排序。留空：所有词。</translation>
    </message>
</context>
<context>
    <name>Preferences</name>
    <message>
        <source>Language</source>
        <extracomment>0: as many tokens as the model reads the language this run shows (a new choice applies at the next start) whether this run&apos;s language was chosen with ``--language``</extracomment>
        <translation>语言</translation>
    </message>
    <message>
        <source>The new language applies when MLM Desktop starts again. Your text, masks and panels are kept.</source>
        <translation>新语言将在 MLM Desktop 下次启动时生效。你的文本、掩码和面板都会保留。</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>立即重启</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <extracomment>the languages offered, by code, each named in its own language where the choice is kept (``AppSettings.language`` reads and writes the same key) strings of Qt and pyqtgraph that their own Chinese translations lack (Qt 6 gave these two accelerators; pyqtgraph ships none): the app&apos;s translation holds them under their contexts, where Qt looks when its own translation has nothing</extracomment>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>SessionStore</name>
    <message>
        <source>Another MLM Desktop window is open and saves its work to {path}; this window saves its own to {own}.</source>
        <extracomment>a save waits this long after the last change and no longer than this after the first change not yet saved a plain message about a file that could not be used as it was, else None the session was written: the file&apos;s path a save failed after the last one succeeded: the plain message</extracomment>
        <translation>另一个 MLM Desktop 窗口已打开，并将其工作保存到 {path}；本窗口将自己的工作保存到 {own}。</translation>
    </message>
    <message>
        <source>The saved session {path} could not be read ({reason}); starting afresh.</source>
        <translation>无法读取已保存的会话 {path}（{reason}）；将从头开始。</translation>
    </message>
    <message>
        <source>it is not UTF-8 text</source>
        <translation>它不是 UTF-8 文本</translation>
    </message>
    <message>
        <source>these could not be used: {notes}</source>
        <translation>以下内容无法使用：{notes}</translation>
    </message>
    <message>
        <source>nothing in it was used</source>
        <translation>其中没有任何内容被使用</translation>
    </message>
    <message>
        <source>the rest was restored</source>
        <translation>其余内容已恢复</translation>
    </message>
    <message>
        <source>The saved session {path} could not be used: {reason}; {what}. It could not be moved aside ({error}), so this session is saved to {new} instead.</source>
        <translation>无法使用已保存的会话 {path}：{reason}；{what}。该文件无法移到一旁（{error}），因此本次会话改为保存到 {new}。</translation>
    </message>
    <message>
        <source>The saved session could not be used as it was: {reason}; {what}. The file was kept as {aside}.</source>
        <translation>已保存的会话无法原样使用：{reason}；{what}。原文件已保留为 {aside}。</translation>
    </message>
    <message>
        <source>Your work is not being saved: {path} could not be written ({error}).</source>
        <translation>你的工作未被保存：无法写入 {path}（{error}）。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>A new language applies when MLM Desktop starts again.</source>
        <translation>新语言将在 MLM Desktop 下次启动时生效。</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>Candidates shown per masked token</source>
        <translation>每个已掩码词元显示的候选词数</translation>
    </message>
    <message>
        <source>Top-k candidates:</source>
        <translation>前 k 个候选词：</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>How long after the last keystroke the text is analysed again</source>
        <translation>最后一次按键后多久重新分析文本</translation>
    </message>
    <message>
        <source>Typing pause:</source>
        <translation>输入停顿：</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA (NVIDIA GPU)</source>
        <translation>CUDA（NVIDIA GPU）</translation>
    </message>
    <message>
        <source>MPS (Apple GPU)</source>
        <translation>MPS（Apple GPU）</translation>
    </message>
    <message>
        <source>{device} is not available on this machine</source>
        <translation>本机没有可用的 {device}</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <source>The model&apos;s maximum</source>
        <translation>模型的上限</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> 个词元</translation>
    </message>
    <message>
        <source>Read at most this many tokens of the text (special tokens included; at least {least}), even where the model reads more</source>
        <translation>最多读取文本的这么多个词元（含特殊词元；至少 {least} 个），即使模型能读取更多</translation>
    </message>
    <message>
        <source>Maximum length:</source>
        <translation>最大长度：</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <source>Values of one sign: probabilities, attention weights, surprisal</source>
        <translation>单一符号的数值：概率、注意力权重、意外度</translation>
    </message>
    <message>
        <source>Sequential colour map:</source>
        <translation>顺序色图：</translation>
    </message>
    <message>
        <source>Signed values around zero: hidden states, similarity, attributions</source>
        <translation>围绕零的有符号数值：隐藏状态、相似度、归因</translation>
    </message>
    <message>
        <source>Diverging colour map:</source>
        <translation>发散色图：</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>This window: {language} (chosen with --language)</source>
        <translation>此窗口：{language}（由 --language 选择）</translation>
    </message>
    <message>
        <source>This window: {language}</source>
        <translation>此窗口：{language}</translation>
    </message>
</context>
<context>
    <name>SingleMaskAnswers</name>
    <message>
        <source>From the pseudo-likelihood pass, where this token was masked alone; the full analysis follows.</source>
        <extracomment>how the predictions panel says where a quick answer came from</extracomment>
        <translation>来自伪似然计算（其中仅遮盖了此词元）；完整分析随后给出。</translation>
    </message>
</context>
<context>
    <name>StatusFigures</name>
    <message>
        <source>no model</source>
        <extracomment>the busy bar counts a known amount in this many steps</extracomment>
        <translation>无模型</translation>
    </message>
    <message>
        <source>{n} tokens</source>
        <translation>{n} 个词元</translation>
    </message>
    <message>
        <source>{ms:.0f} ms</source>
        <translation>{ms:.0f} 毫秒</translation>
    </message>
</context>
<context>
    <name>StatusPresenter</name>
    <message>
        <source>{name} (bundled demo)</source>
        <extracomment>how long a passing status-bar message stays, in ms</extracomment>
        <translation>{name}（自带演示模型）</translation>
    </message>
    <message>
        <source>Could not open the model</source>
        <translation>无法打开该模型</translation>
    </message>
    <message>
        <source>Could not open the folder {path}</source>
        <translation>无法打开文件夹 {path}</translation>
    </message>
    <message>
        <source>Could not open {name}</source>
        <translation>无法打开 {name}</translation>
    </message>
    <message>
        <source>Loading {name}…</source>
        <translation>正在加载 {name}…</translation>
    </message>
    <message>
        <source>loading {name}…</source>
        <translation>正在加载 {name}…</translation>
    </message>
    <message>
        <source>{done:.0f} of {total:.0f} MB</source>
        <translation>{done:.0f} / {total:.0f} MB</translation>
    </message>
    <message>
        <source>{done:.0f} MB</source>
        <translation>{done:.0f} MB</translation>
    </message>
    <message>
        <source>Downloading {name}: {amount}</source>
        <translation>正在下载 {name}：{amount}</translation>
    </message>
    <message>
        <source>{family}, {layers} layers, {millions:.1f}M parameters, up to {tokens} tokens</source>
        <translation>{family}，{layers} 层，{millions:.1f}M 个参数，最多 {tokens} 个词元</translation>
    </message>
    <message>
        <source>MLM Desktop — {name}</source>
        <translation>MLM Desktop — {name}</translation>
    </message>
    <message>
        <source>Using the small bundled demo model: it runs anywhere but guesses far worse than {model}. Open a hub model from the Model menu for better predictions.</source>
        <translation>正在使用自带的小型演示模型：它在任何机器上都能运行，但猜测效果远不如 {model}。从“模型”菜单打开一个 Hub 模型可获得更好的预测。</translation>
    </message>
    <message>
        <source>Download {model}</source>
        <translation>下载 {model}</translation>
    </message>
    <message>
        <source>Open hub model…</source>
        <translation>打开 Hub 模型…</translation>
    </message>
    <message>
        <source>{could_not_open}: {message}.{still} Choose another model: a hub id such as {model}, a folder saved with save_pretrained, or one from Model ▸ Cached masked LMs.</source>
        <translation>{could_not_open}：{message}。{still}请选择其他模型：如 {model} 这样的 Hub ID、用 save_pretrained 保存的文件夹，或“模型 ▸ 已缓存的掩码语言模型”中的一个。</translation>
    </message>
    <message>
        <source> Still using {name}.</source>
        <translation>仍在使用 {name}。</translation>
    </message>
    <message>
        <source>no model</source>
        <translation>无模型</translation>
    </message>
    <message>
        <source>Open folder…</source>
        <translation>打开文件夹…</translation>
    </message>
    <message>
        <source>Trust its code and open</source>
        <translation>信任其代码并打开</translation>
    </message>
    <message>
        <source>Use the demo model</source>
        <translation>使用演示模型</translation>
    </message>
    <message>
        <source>The device {device} is not available on this machine (it has {usable}): using Automatic ({first}) instead.</source>
        <translation>本机没有设备 {device}（可用的有 {usable}）：改用自动（{first}）。</translation>
    </message>
    <message>
        <source>Some saved settings could not be used and were reset to their defaults: {notes}.</source>
        <translation>部分已保存的设置无法使用，已重置为默认值：{notes}。</translation>
    </message>
    <message>
        <source>The last session could not be restored ({message}): MLM Desktop started with default settings.</source>
        <translation>无法恢复上次的会话（{message}）：MLM Desktop 以默认设置启动。</translation>
    </message>
    <message>
        <source>{message}. Check that the folder can be written (free space, permissions, no file in its place); MLM Desktop keeps trying after each change.</source>
        <translation>{message}。请检查该文件夹是否可写（磁盘空间、权限、同名文件）；每次更改后 MLM Desktop 都会再次尝试。</translation>
    </message>
    <message>
        <source>Your work is not being saved</source>
        <translation>你的工作未被保存</translation>
    </message>
    <message>
        <source>The text was cut to {kept:,} characters: {dropped:,} more were left out. A model reads only its first few thousand characters, and the editor slows down on longer texts; analyse long files with &apos;mlm-desktop predict --text-file&apos;.</source>
        <translation>文本已截断为 {kept:,} 个字符：另有 {dropped:,} 个字符被略去。模型只读取前几千个字符，编辑器处理更长的文本也会变慢；长文件请用“mlm-desktop predict --text-file”分析。</translation>
    </message>
    <message>
        <source>Type or paste some text to analyse</source>
        <translation>请输入或粘贴要分析的文本</translation>
    </message>
    <message>
        <source>from cache</source>
        <translation>来自缓存</translation>
    </message>
    <message>
        <source>The masks given for this text were dropped: {message}.</source>
        <translation>为这段文本指定的掩码已被丢弃：{message}。</translation>
    </message>
    <message>
        <source>The {title} failed: {message}.</source>
        <translation>{title} 失败：{message}。</translation>
    </message>
</context>
<context>
    <name>TextEditor</name>
    <message>
        <source>Text</source>
        <extracomment>the longest text the editor holds (about 40,000 words) a text set or pasted was cut to fit: characters kept, characters left out</extracomment>
        <translation>文本</translation>
    </message>
    <message>
        <source> or </source>
        <extracomment>(span, fill, text colour or None, underline) of the colouring, then of the marks masks typed in the text ([MASK], &lt;mask&gt;), shaded as masked words are, as one types the characters the model did not read (anchor: where it stopped), and why</extracomment>
        <translation> 或 </translation>
    </message>
    <message>
        <source> (this model&apos;s mask token is {token})</source>
        <translation>（此模型的掩码词元是 {token}）</translation>
    </message>
    <message>
        <source>Type or paste text here; click tokens below to mask them, or type {spellings} where the model should guess{own}.</source>
        <translation>在此输入或粘贴文本；点击下方的词元将其遮盖，或在需要模型猜测的位置输入 {spellings}{own}。</translation>
    </message>
    <message>
        <source>The text analysed. {spellings} typed in it is a mask for any model{own}.</source>
        <translation>所分析的文本。其中输入的 {spellings} 对任何模型都是掩码{own}。</translation>
    </message>
</context>
<context>
    <name>translations</name>
    <message>
        <source>Language {language} is not available; the interface is in English</source>
        <extracomment>the translators installed now, so that another language replaces them</extracomment>
        <translation>语言 {language} 不可用；界面显示为英文</translation>
    </message>
</context>
</TS>
