<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>core</name>
    <message>
        <source>analysis</source>
        <extracomment>every analysis the app knows, by kind (each module&apos;s ``UNIT``, declared here so that the registry is known before torch is imported; a test checks the two agree)</extracomment>
        <translation>分析</translation>
    </message>
    <message>
        <source>logit lens</source>
        <translation>Logit 透镜</translation>
    </message>
    <message>
        <source>attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>hidden-state geometry</source>
        <translation>隐藏状态几何</translation>
    </message>
    <message>
        <source>saliency</source>
        <translation>显著性</translation>
    </message>
    <message>
        <source>pseudo-log-likelihood</source>
        <translation>伪对数似然</translation>
    </message>
    <message>
        <source>joint fill</source>
        <translation>联合填充</translation>
    </message>
    <message>
        <source>head check</source>
        <translation>预测头检查</translation>
    </message>
    <message>
        <source>{count} tokens are more than {model} takes ({limit}): shorten the text</source>
        <translation>{count} 个词元超出了 {model} 的上限（{limit}）：请缩短文本</translation>
    </message>
    <message>
        <source>{count} tokens is more than this model reads ({limit}): shorten the text</source>
        <extracomment>forward, similarities and changes, map, copy</extracomment>
        <translation>{count} 个词元超出了此模型能读取的上限（{limit}）：请缩短文本</translation>
    </message>
    <message>
        <source>token id {id} is not in this model&apos;s vocabulary of {rows} ids: give ids from this model&apos;s tokenizer</source>
        <translation>词元 id {id} 不在此模型的词表中（共 {rows} 个 id）：请使用此模型分词器给出的 id</translation>
    </message>
    <message>
        <source>the text was tokenized for another model: analyse it again</source>
        <translation>该文本是为另一个模型分词的：请重新分析</translation>
    </message>
    <message>
        <source>Every fill the beam kept scored below the greedy fill: the greedy fill is shown as the best.</source>
        <translation>束搜索保留的每个填充得分都低于贪心填充：因此将贪心填充显示为最佳结果。</translation>
    </message>
    <message>
        <source>No token is masked: there is nothing to fill.</source>
        <translation>没有已掩码的词元：无可填充。</translation>
    </message>
    <message>
        <source>The target word {word!r} gives no token of this model&apos;s vocabulary: it is not followed.</source>
        <extracomment>the largest block of float32 logits (cells × vocabulary) made at once</extracomment>
        <translation>目标词 {word!r} 在此模型的词表中得不到任何词元：不予跟踪。</translation>
    </message>
    <message>
        <source>This model applies a final norm ({norm}) between its encoder and its head; the lens applies it to every layer&apos;s hidden state as well.</source>
        <translation>此模型在编码器与预测头之间有一个最终归一化层（{norm}）；Logit 透镜也将其应用于每一层的隐藏状态。</translation>
    </message>
    <message>
        <source>&apos;{word}&apos; is {n} pieces ({pieces}): tracked by its first piece &apos;{first}&apos;.</source>
        <translation>“{word}”由 {n} 个子词组成（{pieces}）：按其首个子词“{first}”跟踪。</translation>
    </message>
    <message>
        <source>&apos;{word}&apos; is not in the vocabulary: it is tracked as {token}.</source>
        <translation>“{word}”不在词表中：按 {token} 跟踪。</translation>
    </message>
    <message>
        <source>target words must be a list of words, got {kind}</source>
        <extracomment>at most this many target words are tracked at once a target word longer than this many characters is refused</extracomment>
        <translation>目标词必须是词的列表，实际得到 {kind}</translation>
    </message>
    <message>
        <source>the target word {word!r}... is longer than {n} characters: give single words, separated by commas</source>
        <translation>目标词 {word!r}… 超过 {n} 个字符：请给出单个的词，用逗号分隔</translation>
    </message>
    <message>
        <source>at most {n} target words can be tracked, got {count}</source>
        <translation>最多只能跟踪 {n} 个目标词，实际给出 {count} 个</translation>
    </message>
    <message>
        <source>the text is longer than the maximum length chosen, {limit} tokens (the model reads {model}): only its first {analysed:,} of {total:,} characters were analysed</source>
        <extracomment>rows of logits reduced together: a block of 32 x 30k float32 logits stays in the CPU&apos;s cache through its passes (max, exp, sum, compare, top-k), four times faster than whole-matrix passes at 512 tokens, with the same values</extracomment>
        <translation>文本超出了所选的最大长度 {limit} 个词元（模型可读 {model} 个）：在 {total:,} 个字符中只分析了前 {analysed:,} 个</translation>
    </message>
    <message>
        <source>the text is longer than the maximum length chosen, {limit} tokens (the model reads {model}): the last {dropped} tokens were dropped</source>
        <translation>文本超出了所选的最大长度 {limit} 个词元（模型可读 {model} 个）：舍弃了最后 {dropped} 个词元</translation>
    </message>
    <message>
        <source>the text is longer than the model&apos;s maximum of {limit} tokens: only its first {analysed:,} of {total:,} characters were analysed</source>
        <translation>文本超出了模型 {limit} 个词元的上限：在 {total:,} 个字符中只分析了前 {analysed:,} 个</translation>
    </message>
    <message>
        <source>the text is longer than the model&apos;s maximum of {limit} tokens: the last {dropped} tokens were dropped</source>
        <translation>文本超出了模型 {limit} 个词元的上限：舍弃了最后 {dropped} 个词元</translation>
    </message>
    <message>
        <source>No token is masked: mask a token to see which words drove the model&apos;s guess there.</source>
        <extracomment>the most token rows (steps × tokens) one batch of integrated gradients runs at once</extracomment>
        <translation>没有已掩码的词元：掩码一个词元，即可查看哪些词驱动了模型在该处的预测。</translation>
    </message>
    <message>
        <source>integrated gradients</source>
        <extracomment>integrated gradients: the number of steps from the baseline to the input how the log-probability is attributed: integrated gradients or gradient × input</extracomment>
        <translation>积分梯度</translation>
    </message>
    <message>
        <source>gradient × input</source>
        <translation>梯度 × 输入</translation>
    </message>
    <message>
        <source>every token of this text is a special token: nothing is left once they are hidden; type some words, or show the special tokens</source>
        <translation>此文本的词元全是特殊词元：隐藏后便一无所剩；请输入一些词，或显示特殊词元</translation>
    </message>
    <message>
        <source>unexpected error ({kind}: {detail})</source>
        <translation>意外错误（{kind}：{detail}）</translation>
    </message>
    <message>
        <source>unexpected error ({kind})</source>
        <translation>意外错误（{kind}）</translation>
    </message>
    <message>
        <source>{source} is a file; give a model folder or a hub id</source>
        <translation>{source} 是一个文件；请给出模型文件夹或 hub id</translation>
    </message>
    <message>
        <source>cannot read the folder {source}: permission denied</source>
        <translation>无法读取文件夹 {source}：权限不足</translation>
    </message>
    <message>
        <source>the folder {source} has no config.json, so it is not a model folder; it needs {needs}</source>
        <translation>文件夹 {source} 中没有 config.json，因此不是模型文件夹；它需要 {needs}</translation>
    </message>
    <message>
        <source>{source} is not a masked language model (its architecture has no masked-LM head); choose a BERT-style model such as bert-base-uncased</source>
        <translation>{source} 不是掩码语言模型（其架构没有掩码语言模型预测头）；请选择 BERT 类模型，例如 bert-base-uncased</translation>
    </message>
    <message>
        <source>{source} needs custom code from its repository to load; enable &apos;trust remote code&apos; only if you trust its authors</source>
        <translation>{source} 需要其仓库中的自定义代码才能加载；只有在信任其作者时才启用“trust remote code”（信任远程代码）</translation>
    </message>
    <message>
        <source>cannot read {source}: permission denied</source>
        <translation>无法读取 {source}：权限不足</translation>
    </message>
    <message>
        <source>the folder {source} holds a config.json that is not valid JSON; save the model again</source>
        <translation>文件夹 {source} 中的 config.json 不是有效的 JSON；请重新保存模型</translation>
    </message>
    <message>
        <source>the folder {source} holds a config.json that does not say which model type it is (no model_type key)</source>
        <translation>文件夹 {source} 中的 config.json 没有说明模型类型（缺少 model_type 键）</translation>
    </message>
    <message>
        <source>{source} is a model of type {kind!r}, which this version of transformers does not know; update transformers or choose another model</source>
        <translation>{source} 是 {kind!r} 类型的模型，此版本的 transformers 不认识该类型；请更新 transformers 或选择其他模型</translation>
    </message>
    <message>
        <source>the folder {source} has no weights file (model.safetensors or pytorch_model.bin); it needs {needs}</source>
        <translation>文件夹 {source} 中没有权重文件（model.safetensors 或 pytorch_model.bin）；它需要 {needs}</translation>
    </message>
    <message>
        <source>the weights file of {source} could not be loaded safely: it holds more than plain tensors; MLM Desktop loads only safetensors files and safe pickles (ask for a model.safetensors version of this model)</source>
        <translation>无法安全加载 {source} 的权重文件：其中不只有普通张量；MLM Desktop 只加载 safetensors 文件和安全的 pickle（请索取此模型的 model.safetensors 版本）</translation>
    </message>
    <message>
        <source>the weights file of {source} is damaged or incomplete ({detail}); download or save the model again</source>
        <translation>{source} 的权重文件已损坏或不完整（{detail}）；请重新下载或保存模型</translation>
    </message>
    <message>
        <source>the weights of {source} do not match its config.json (some have another shape); the config and the weights come from different models</source>
        <translation>{source} 的权重与其 config.json 不符（部分形状不同）；配置与权重来自不同的模型</translation>
    </message>
    <message>
        <source>the folder {source} does not hold a loadable model ({kind}: {detail}); it needs {needs}</source>
        <translation>文件夹 {source} 中没有可加载的模型（{kind}：{detail}）；它需要 {needs}</translation>
    </message>
    <message>
        <source>cannot read the tokenizer of {source}: permission denied</source>
        <translation>无法读取 {source} 的分词器：权限不足</translation>
    </message>
    <message>
        <source>a tokenizer file of {source} is not valid JSON ({detail}); save the tokenizer again</source>
        <translation>{source} 的某个分词器文件不是有效的 JSON（{detail}）；请重新保存分词器</translation>
    </message>
    <message>
        <source>the tokenizer of {source} could not be loaded ({detail})</source>
        <translation>无法加载 {source} 的分词器（{detail}）</translation>
    </message>
    <message>
        <source>{source!r} is neither a model folder nor a hub id (such as bert-base-uncased or org/name); check the name</source>
        <translation>{source!r} 既不是模型文件夹，也不是 hub id（例如 bert-base-uncased 或 org/name）；请检查名称</translation>
    </message>
    <message>
        <source>the folder {source} does not exist; check the path</source>
        <translation>文件夹 {source} 不存在；请检查路径</translation>
    </message>
    <message>
        <source>could not load {source!r}: it is neither a local folder nor a model in the local Hugging Face cache, and the hub could not be reached ({detail}); check the name, or open a local folder</source>
        <translation>无法加载 {source!r}：它既不是本地文件夹，也不是本地 Hugging Face 缓存中的模型，且无法连接 hub（{detail}）；请检查名称，或打开本地文件夹</translation>
    </message>
    <message>
        <source>{source!r} is not in the local Hugging Face cache and the hub cannot be reached (offline); connect to the internet to download it, or open a local model folder</source>
        <translation>{source!r} 不在本地 Hugging Face 缓存中，且无法连接 hub（离线）；请联网下载，或打开本地模型文件夹</translation>
    </message>
    <message>
        <source>no model given: pass a hub id such as bert-base-uncased or a folder</source>
        <translation>未指定模型：请给出 hub id（例如 bert-base-uncased）或文件夹</translation>
    </message>
    <message>
        <source>could not move {source} to {device}: {detail}</source>
        <translation>无法将 {source} 移到 {device}：{detail}</translation>
    </message>
    <message>
        <source>{source} is not a masked language model ({archs} has no masked-LM head); choose a BERT-style model such as bert-base-uncased</source>
        <translation>{source} 不是掩码语言模型（{archs} 没有掩码语言模型预测头）；请选择 BERT 类模型，例如 bert-base-uncased</translation>
    </message>
    <message>
        <source>the masked-LM head of {source} was newly initialised ({n} weights missing, e.g. {example}): its predictions are random; this checkpoint was not trained as a masked LM</source>
        <translation>{source} 的掩码语言模型预测头是新初始化的（缺少 {n} 个权重，例如 {example}）：其预测是随机的；此检查点并未作为掩码语言模型训练</translation>
    </message>
    <message>
        <source>{n} weights of {source} were newly initialised (e.g. {example}): results may be meaningless</source>
        <translation>{source} 有 {n} 个权重是新初始化的（例如 {example}）：结果可能没有意义</translation>
    </message>
    <message>
        <source>mask position {p} is outside the text, which has {n} tokens (positions 0 to {last})</source>
        <translation>掩码位置 {p} 超出了文本范围，文本共有 {n} 个词元（位置 0 到 {last}）</translation>
    </message>
    <message>
        <source>token {p} ({token}) is a special token and cannot be masked</source>
        <translation>词元 {p}（{token}）是特殊词元，不能掩码</translation>
    </message>
    <message>
        <source>{source} has no fast tokenizer; character offsets need one (tokenizer.json)</source>
        <translation>{source} 没有快速分词器；字符偏移需要它（tokenizer.json）</translation>
    </message>
    <message>
        <source>the tokenizer of {source} has no vocabulary (tokenizer.json or a vocabulary file is missing); the folder needs the tokenizer files written by save_pretrained</source>
        <translation>{source} 的分词器没有词表（缺少 tokenizer.json 或词表文件）；文件夹需要由 save_pretrained 写出的分词器文件</translation>
    </message>
    <message>
        <source>the tokenizer of {source} has no mask token, so it is not a masked LM</source>
        <translation>{source} 的分词器没有掩码词元，因此不是掩码语言模型</translation>
    </message>
    <message>
        <source>the model {source} predicts only {width} tokens but its tokenizer has {ids}: the tokenizer does not belong to this model</source>
        <translation>模型 {source} 只预测 {width} 个词元，而其分词器有 {ids} 个：该分词器不属于此模型</translation>
    </message>
    <message>
        <source>the model {source} predicts {width} tokens but its tokenizer has only {ids}, and the extra rows cannot be set aside ({detail})</source>
        <translation>模型 {source} 预测 {width} 个词元，而其分词器只有 {ids} 个，且多余的行无法搁置（{detail}）</translation>
    </message>
    <message>
        <source>the tokenizer of {source} has {ids} tokens but the model predicts {width}: the extra rows were set aside; if the tokenizer comes from another model, its predictions are meaningless</source>
        <translation>{source} 的分词器有 {ids} 个词元，而模型预测 {width} 个：多余的行已搁置；如果分词器来自另一个模型，其预测没有意义</translation>
    </message>
    <message>
        <source>the mask token {mask} of {source} (id {id}) is not among the model&apos;s {rows} token embeddings: the tokenizer does not belong to this model</source>
        <translation>{source} 的掩码词元 {mask}（id {id}）不在模型的 {rows} 个词元嵌入之中：该分词器不属于此模型</translation>
    </message>
    <message>
        <source>the tokenizer of {source} has {ids} tokens but the model only {rows} token embeddings: the tokenizer does not belong to this model (every analysis would fail); use the tokenizer saved with the model</source>
        <translation>{source} 的分词器有 {ids} 个词元，而模型只有 {rows} 个词元嵌入：该分词器不属于此模型（每次分析都会失败）；请使用与模型一起保存的分词器</translation>
    </message>
    <message>
        <source>{source} loaded but cannot analyse a text ({kind}: {detail}); the model and its tokenizer may not belong together</source>
        <translation>{source} 已加载，但无法分析文本（{kind}：{detail}）；模型与其分词器可能不匹配</translation>
    </message>
    <message>
        <source>{source} loaded but its predictions are not numbers (NaN or infinity): its weights are broken</source>
        <translation>{source} 已加载，但其预测不是数值（NaN 或无穷大）：其权重已损坏</translation>
    </message>
    <message>
        <source>{source} loaded but its predictions are not numbers (NaN or infinity): its weights are broken; try it on the CPU, in full precision</source>
        <translation>{source} 已加载，但其预测不是数值（NaN 或无穷大）：其权重已损坏；请尝试在 CPU 上以全精度运行</translation>
    </message>
    <message>
        <source>it is not valid JSON ({detail})</source>
        <extracomment>a text longer than this is not one the user typed (the editor would not hold it well) ids of the panels whose docks are open; None leaves the layout as it is plain notes on the fields that were ignored</extracomment>
        <translation>它不是有效的 JSON（{detail}）</translation>
    </message>
    <message>
        <source>it is not an MLM Desktop session file</source>
        <translation>它不是 MLM Desktop 会话文件</translation>
    </message>
    <message>
        <source>its version {version} is not a version number</source>
        <translation>其版本 {version} 不是版本号</translation>
    </message>
    <message>
        <source>it was written by a newer MLM Desktop (session version {version}; this one reads version {known})</source>
        <translation>它由更新版本的 MLM Desktop 写入（会话版本 {version}；本程序读取版本 {known}）</translation>
    </message>
    <message>
        <source>its text is not a string</source>
        <translation>其文本不是字符串</translation>
    </message>
    <message>
        <source>its text is longer than {n:,} characters</source>
        <translation>其文本超过 {n:,} 个字符</translation>
    </message>
    <message>
        <source>its text holds characters that are not valid Unicode</source>
        <translation>其文本包含无效的 Unicode 字符</translation>
    </message>
    <message>
        <source>the masks (they do not fit the text)</source>
        <translation>掩码（与文本不符）</translation>
    </message>
    <message>
        <source>the options (not a set of named values)</source>
        <translation>选项（不是一组命名的值）</translation>
    </message>
    <message>
        <source>the model {model} (not a model name or folder)</source>
        <translation>模型 {model}（不是模型名称或文件夹）</translation>
    </message>
    <message>
        <source>the device {device} (must be one of {choices})</source>
        <translation>设备 {device}（必须是 {choices} 之一）</translation>
    </message>
    <message>
        <source>the open panels (not a list of panel names)</source>
        <translation>打开的面板（不是面板名称的列表）</translation>
    </message>
    <message>
        <source>top-k</source>
        <translation>前 k 个</translation>
    </message>
    <message>
        <source>between 1 and {high}</source>
        <translation>1 到 {high} 之间</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>between 0 and {high}</source>
        <translation>0 到 {high} 之间</translation>
    </message>
    <message>
        <source>mask probability</source>
        <translation>掩码概率</translation>
    </message>
    <message>
        <source>between 0 and 1</source>
        <translation>0 到 1 之间</translation>
    </message>
    <message>
        <source>whole words</source>
        <translation>整词</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <source>target words</source>
        <translation>限定词</translation>
    </message>
    <message>
        <source>at most {high} words without spaces or commas</source>
        <translation>最多 {high} 个不含空格或逗号的词</translation>
    </message>
    <message>
        <source>every word</source>
        <translation>所有词</translation>
    </message>
    <message>
        <source>{label} {value} (must be {wanted}; using {default})</source>
        <translation>{label} {value}（应为{wanted}；改用 {default}）</translation>
    </message>
    <message>
        <source>{path} is a folder, not a text file</source>
        <translation>{path} 是文件夹，不是文本文件</translation>
    </message>
    <message>
        <source>{path} could not be read ({reason})</source>
        <translation>无法读取 {path}（{reason}）</translation>
    </message>
    <message>
        <source>{name} is not a text file (it holds binary data)</source>
        <translation>{name} 不是文本文件（其中含有二进制数据）</translation>
    </message>
    <message>
        <source>{name} is not UTF-8 text (byte {byte}, line {line}); save it as UTF-8 and open it again</source>
        <translation>{name} 不是 UTF-8 文本（第 {line} 行，第 {byte} 字节）；请另存为 UTF-8 后重新打开</translation>
    </message>
    <message>
        <source>the text produced no tokens for this model&apos;s tokenizer</source>
        <extracomment>a first guess at characters per token, generous for any language: a long text is read ``max_length`` times this many characters at a time (see ``_enough_text``) warn when at least this share of a text&apos;s tokens are unknown to the vocabulary</extracomment>
        <translation>此模型的分词器没有从该文本中得到任何词元</translation>
    </message>
    <message>
        <source>{unknown} of {total} tokens are {token}: this model&apos;s vocabulary does not cover those characters, so the model sees {token} in their place</source>
        <translation>{total} 个词元中有 {unknown} 个是 {token}：此模型的词表不包含这些字符，因此模型在其位置看到的是 {token}</translation>
    </message>
    <message>
        <source>the text holds a lone surrogate (U+{code:04X}) at character {at}, which is not a character: remove it or fix the text&apos;s encoding</source>
        <extracomment>bytes that are not UTF-8 reach ``sys.argv`` as these code points (Python&apos;s surrogateescape)</extracomment>
        <translation>文本在第 {at} 个字符处含有孤立的代理码元（U+{code:04X}），它不是一个字符：请删除它或修正文本的编码</translation>
    </message>
    <message>
        <source>the text is empty: type or paste some text to analyse</source>
        <translation>文本为空：请输入或粘贴要分析的文本</translation>
    </message>
    <message>
        <source>layer {layer} is not in the result (it has layers 0 to {last})</source>
        <translation>第 {layer} 层不在结果中（结果包含第 0 到 {last} 层）</translation>
    </message>
    <message>
        <source>token id {id} is not among the result&apos;s candidates</source>
        <translation>词元 id {id} 不在结果的候选词中</translation>
    </message>
    <message>
        <source>a position of the logits shown is not in the result</source>
        <translation>所显示 logits 的某个位置不在结果中</translation>
    </message>
    <message>
        <source>{path} could not be written ({reason})</source>
        <translation>无法写入 {path}（{reason}）</translation>
    </message>
    <message>
        <source>the two results describe different texts; analyse the same text with both</source>
        <extracomment>the second model&apos;s worker runs only this unit</extracomment>
        <translation>两个结果描述的是不同的文本；请用两个模型分析同一文本</translation>
    </message>
    <message>
        <source>unknown device {device!r}: choose one of {choices}</source>
        <translation>未知设备 {device!r}：请从 {choices} 中选择</translation>
    </message>
    <message>
        <source>device {device!r} is not available on this machine (available: {usable}); use --device auto or cpu</source>
        <translation>设备 {device!r} 在本机上不可用（可用：{usable}）；请使用 --device auto 或 cpu</translation>
    </message>
    <message>
        <source>{kind}, {layers} layers, {millions:.1f}M parameters, up to {limit} tokens</source>
        <translation>{kind}，{layers} 层，{millions:.1f}M 参数，最多 {limit} 个词元</translation>
    </message>
    <message>
        <source>the target words must be a list of words, got {kind}</source>
        <extracomment>at most this many words in a list (the options check it) a word longer than this is a mistake (a pasted paragraph)</extracomment>
        <translation>限定词必须是词的列表，得到的是 {kind}</translation>
    </message>
    <message>
        <source>a target word must be one word without spaces or commas, got {word}</source>
        <translation>每个限定词必须是一个不含空格或逗号的词，得到的是 {word}</translation>
    </message>
    <message>
        <source>a target word must be at most {high} characters, got one of {length}</source>
        <translation>限定词最多 {high} 个字符，得到一个 {length} 个字符的词</translation>
    </message>
    <message>
        <source>at most {high} target words, got {count}</source>
        <translation>最多 {high} 个限定词，得到 {count} 个</translation>
    </message>
    <message>
        <source>none of the target words ({words}) is in the model&apos;s vocabulary</source>
        <translation>限定词（{words}）都不在模型的词表中</translation>
    </message>
</context>
</TS>
