"""Tiny random masked LMs, built and saved here, loaded back by the app's loader.

No test downloads anything: each family's tokenizer and model are made from
files in tests/data or trained on a few sentences, seeded, and written with
``save_pretrained`` into a temporary folder.
"""

from __future__ import annotations

from pathlib import Path

import torch

DATA = Path(__file__).parent / "data"
BERT_VOCAB = DATA / "bert_base_uncased_vocab.txt"

NOTEBOOK_TEXT = (
    "After Abraham Lincoln won the November 1860 presidential "
    "election on an anti-slavery platform, an initial seven "
    "slave states declared their secession from the country "
    "to form the Confederacy. War broke out in April 1861 "
    "when secessionist forces attacked Fort Sumter in South "
    "Carolina, just over a month after Lincoln's "
    "inauguration."
)

_BPE_CORPUS = [
    NOTEBOOK_TEXT,
    "The cat sat on the mat. Paris is the capital of France.",
    "I drink a cup of coffee every morning, café au lait, naïve résumé.",
    "Masked language models predict hidden words from their context.",
    "東京 is a city. Emoji 🙂 and accents: über, déjà vu.",
]

SMALL = dict(hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=37)


def build_bert(folder: Path, seed: int = 0, max_position_embeddings: int = 128) -> Path:
    """A 2-layer BERT with the real bert-base-uncased vocabulary."""
    from transformers import BertConfig, BertForMaskedLM, BertTokenizer

    tokenizer = BertTokenizer(vocab=str(BERT_VOCAB), do_lower_case=True)
    tokenizer.model_max_length = max_position_embeddings
    torch.manual_seed(seed)
    config = BertConfig(
        vocab_size=tokenizer.vocab_size, max_position_embeddings=max_position_embeddings, **SMALL
    )
    model = BertForMaskedLM(config)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def build_bert_base_sized(folder: Path, seed: int = 0) -> Path:
    """bert-base-uncased's shape (12 layers, 768 wide, its vocabulary), random weights.

    For benchmarks: the cost of a real bert-base forward without a download.
    """
    from transformers import BertConfig, BertForMaskedLM, BertTokenizer

    tokenizer = BertTokenizer(vocab=str(BERT_VOCAB), do_lower_case=True)
    tokenizer.model_max_length = 512
    torch.manual_seed(seed)
    BertForMaskedLM(BertConfig(vocab_size=tokenizer.vocab_size)).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def build_roberta(folder: Path, seed: int = 0) -> Path:
    """A 2-layer RoBERTa with a byte-level BPE tokenizer trained on a few sentences."""
    from tokenizers import AddedToken, ByteLevelBPETokenizer
    from transformers import RobertaConfig, RobertaForMaskedLM, RobertaTokenizer

    folder.mkdir(parents=True, exist_ok=True)
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(
        _BPE_CORPUS * 5,
        vocab_size=400,
        min_frequency=1,
        special_tokens=["<s>", "<pad>", "</s>", "<unk>", "<mask>"],
        show_progress=False,
    )
    work = folder / "_bpe"
    work.mkdir(exist_ok=True)
    bpe.save_model(str(work))
    tokenizer = RobertaTokenizer(
        vocab=str(work / "vocab.json"),
        merges=str(work / "merges.txt"),
        model_max_length=126,
        # as in roberta-base: "capital of <mask>" keeps the space with the mask
        mask_token=AddedToken("<mask>", lstrip=True, rstrip=False),
    )
    torch.manual_seed(seed)
    config = RobertaConfig(
        vocab_size=len(tokenizer),
        max_position_embeddings=128,
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        **SMALL,
    )
    model = RobertaForMaskedLM(config)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def build_bert_with_foreign_tokenizer(folder: Path, model_vocab_size: int = 1000) -> Path:
    """A tiny BERT whose model has ``model_vocab_size`` token rows but whose tokenizer
    keeps bert-base-uncased's 30522 tokens: a tokenizer saved with another model."""
    from transformers import BertConfig, BertForMaskedLM, BertTokenizer

    tokenizer = BertTokenizer(vocab=str(BERT_VOCAB), do_lower_case=True)
    tokenizer.model_max_length = 128
    torch.manual_seed(0)
    config = BertConfig(vocab_size=model_vocab_size, max_position_embeddings=128, **SMALL)
    BertForMaskedLM(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder
