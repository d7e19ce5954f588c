"""The MLM head applied by hand reproduces the logits for every supported family."""

import pytest
import torch
import transformers as T

from mlm_desktop.core.analyses.masked_lm import captured_last_hidden_state
from mlm_desktop.core.mlm_head import apply_mlm_head, head_parameter_prefixes

SMALL = dict(
    vocab_size=99, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
    intermediate_size=37, max_position_embeddings=64,
)
FAMILIES = {
    "bert": (T.BertConfig, SMALL),
    "roberta": (T.RobertaConfig, SMALL),
    "albert": (T.AlbertConfig, dict(SMALL, embedding_size=16)),
    "electra": (T.ElectraConfig, dict(SMALL, embedding_size=16)),
    "deberta-v2": (T.DebertaV2Config, SMALL),
    "distilbert": (
        T.DistilBertConfig,
        dict(vocab_size=99, dim=32, n_layers=2, n_heads=2, hidden_dim=37, max_position_embeddings=64),
    ),
    "modernbert": (
        T.ModernBertConfig,
        dict(SMALL, pad_token_id=0, bos_token_id=1, eos_token_id=2, cls_token_id=1, sep_token_id=2),
    ),
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_head_on_last_hidden_state_equals_logits(family):
    config_cls, kwargs = FAMILIES[family]
    torch.manual_seed(0)
    config = config_cls(**kwargs)
    config._attn_implementation = "eager"
    model = T.AutoModelForMaskedLM.from_config(config).eval()
    ids = torch.randint(5, 99, (1, 11))
    with torch.no_grad(), captured_last_hidden_state(model) as captured:
        logits = model(input_ids=ids).logits
    assert "last_hidden_state" in captured
    with torch.no_grad():
        again = apply_mlm_head(model, captured["last_hidden_state"])
    assert again.shape == logits.shape
    torch.testing.assert_close(again, logits, rtol=1e-5, atol=1e-5)
    assert head_parameter_prefixes(model)
    # the hook is removed afterwards
    assert not model.base_model._forward_hooks
