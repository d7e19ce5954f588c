"""Families with a final norm between encoder and head: the lens applies it at every layer."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F
import transformers as T
from tiny_models import BERT_VOCAB

from mlm_desktop.core import AnalysisRequest, analyze
from mlm_desktop.core.analyses import logit_lens as lens
from mlm_desktop.core.loading import LoadedModel

SMALL = dict(hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=37,
             max_position_embeddings=64)


def _modernbert_head(model, hidden):
    head = model.head
    return model.decoder(head.norm(head.act(head.dense(model.model.final_norm(hidden)))))


def _xlmr_xl_head(model, hidden):
    head = model.lm_head
    normed = model.roberta.encoder.LayerNorm(hidden)
    return head.decoder(head.layer_norm(F.gelu(head.dense(normed))))


FAMILIES = {
    # name: (config class, extra config, the final norm's name, its head written out by hand)
    "modernbert": (T.ModernBertConfig, dict(pad_token_id=0, bos_token_id=101, eos_token_id=102,
                                            cls_token_id=101, sep_token_id=102),
                   "final_norm", _modernbert_head),
    "xlm-roberta-xl": (T.XLMRobertaXLConfig, {}, "encoder.LayerNorm", _xlmr_xl_head),
}


@pytest.fixture(scope="module", params=sorted(FAMILIES))
def family(request):
    config_cls, extra, norm, by_hand = FAMILIES[request.param]
    tokenizer = T.BertTokenizer(vocab=str(BERT_VOCAB), do_lower_case=True)
    torch.manual_seed(0)
    config = config_cls(vocab_size=tokenizer.vocab_size, **SMALL, **extra)
    model = T.AutoModelForMaskedLM.from_config(config).eval()
    with torch.no_grad():  # a norm that is no near-identity, so that leaving it out would show
        model.base_model.get_submodule(norm).weight.uniform_(0.2, 4.0)
    loaded = LoadedModel(request.param, model, tokenizer, "cpu", 64)
    parent = analyze(loaded, AnalysisRequest("the cat sat on the mat in paris .",
                                             mask_positions=(3, 7), output_attentions=False))
    return loaded, parent, norm, by_hand


def test_the_final_norm_is_found_named_and_applied_at_every_layer(family):
    loaded, parent, norm, by_hand = family
    result = lens.run(loaded, lens.request_for(parent))
    assert result.final_norm == norm
    assert any(f"final norm ({norm})" in note and "every layer" in note for note in result.notes)
    rows = parent.prediction_positions.tolist()
    with torch.no_grad():
        out = loaded.model(input_ids=torch.tensor(parent.masked_input_ids)[None],
                           output_hidden_states=True)
        earlier = torch.stack([by_hand(loaded.model, h[0, rows]) for h in out.hidden_states[:-1]])
        plain = torch.stack([loaded.model.decoder(loaded.model.head(h[0, rows]))
                             if hasattr(loaded.model, "head") else
                             loaded.model.lm_head(h[0, rows]) for h in out.hidden_states[:-1]])
    probs = earlier.softmax(-1)
    np.testing.assert_array_equal(result.top_ids[:-1], probs.topk(parent.top_k, -1).indices.numpy())
    np.testing.assert_allclose(result.top_probs[:-1], probs.topk(parent.top_k, -1).values.numpy(),
                               rtol=1e-5, atol=1e-7)
    # without the norm the earlier layers would read otherwise
    assert not torch.allclose(plain, earlier, atol=1e-3)
    last = result.num_layers - 1
    assert [result.prediction(last, i) for i in range(result.num_rows)] == list(parent.predictions())
