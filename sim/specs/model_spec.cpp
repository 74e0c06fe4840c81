#include "sim/specs/model_spec.hpp"

namespace afdsim {

const std::vector<SpecField<ModelSpec>>& model_fields()
{
  using M = ModelSpec;
  static const std::vector<SpecField<M>> fields = {
      {"hidden_size", &M::hidden_size, 64, 65536, "model width (values per token)"},
      {"layers", &M::layers, 1, 1024, "decoder layers"},
      {"q_heads", &M::q_heads, 1, 1024, "query heads"},
      {"kv_heads", &M::kv_heads, 1, 1024, "key/value heads (GQA)"},
      {"head_dim", &M::head_dim, 16, 1024, "values per head"},
      {"intermediate_size", &M::intermediate_size, 64, 1048576, "FFN intermediate width (SwiGLU)"},
      {"vocab_size", &M::vocab_size, 1, 4194304, "vocabulary (embedding and LM head rows)"},
      {"tie_embeddings", &M::tie_embeddings, 0, 1, "LM head shares the embedding weights"},
      {"weights", &M::weights, 0, 0, "dtype of the linear-layer weights: fp8 | bf16"},
      {"kv_cache", &M::kv_cache, 0, 0, "dtype of the KV cache: bf16 | fp8"},
  };
  return fields;
}

const std::vector<ModelSpec>& model_presets()
{
  // Architectures from the Hugging Face config.json files (research/hardware.md §3, [R25]/[R27]).
  static const std::vector<ModelSpec> presets = [] {
    ModelSpec qwen3_32b;
    qwen3_32b.name = "qwen3-32b";
    qwen3_32b.hidden_size = 5120;
    qwen3_32b.layers = 64;
    qwen3_32b.q_heads = 64;
    qwen3_32b.kv_heads = 8;
    qwen3_32b.head_dim = 128;
    qwen3_32b.intermediate_size = 25600;
    qwen3_32b.vocab_size = 151936;
    qwen3_32b.tie_embeddings = false;

    ModelSpec qwen3_8b;
    qwen3_8b.name = "qwen3-8b";
    qwen3_8b.hidden_size = 4096;
    qwen3_8b.layers = 36;
    qwen3_8b.q_heads = 32;
    qwen3_8b.kv_heads = 8;
    qwen3_8b.head_dim = 128;
    qwen3_8b.intermediate_size = 12288;
    qwen3_8b.vocab_size = 151936;
    qwen3_8b.tie_embeddings = false;
    return std::vector<ModelSpec>{qwen3_32b, qwen3_8b};
  }();
  return presets;
}

const ModelSpec& model_preset(const std::string& name)
{
  return find_preset(model_presets(), name, "model");
}

} // namespace afdsim
