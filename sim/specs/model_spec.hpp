#pragma once
// Transformer architecture of a dense decoder model, and the sizes derived from it.
#include "sim/specs/dtype.hpp"
#include "sim/specs/spec_field.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace afdsim {

struct ModelSpec {
  std::string name;           // preset name
  int hidden_size = 0;
  int layers = 0;
  int q_heads = 0;
  int kv_heads = 0;
  int head_dim = 0;
  int intermediate_size = 0;  // SwiGLU: gate and up are each hidden x intermediate
  int vocab_size = 0;
  bool tie_embeddings = false;
  Dtype weights = Dtype::fp8;   // the seven linear projections of each layer
  Dtype kv_cache = Dtype::bf16;

  // Derived sizes. Embedding and LM head stay BF16 in FP8 checkpoints (hardware.md §3.1 [I]).
  int64_t q_dim() const { return int64_t{q_heads} * head_dim; }
  int64_t kv_dim() const { return int64_t{kv_heads} * head_dim; }
  int64_t qkv_params_per_layer() const { return int64_t{hidden_size} * (q_dim() + 2 * kv_dim()); }
  int64_t o_params_per_layer() const { return q_dim() * hidden_size; }
  int64_t attention_params_per_layer() const { return qkv_params_per_layer() + o_params_per_layer(); }
  int64_t ffn_params_per_layer() const { return 3 * int64_t{hidden_size} * intermediate_size; }
  int64_t embedding_params() const { return int64_t{vocab_size} * hidden_size; }
  // Norm weights (BF16): input + post-attention over hidden, q/k norms over head_dim.
  double attention_norm_bytes_per_layer() const { return 2.0 * (hidden_size + 2.0 * head_dim); }
  double ffn_norm_bytes_per_layer() const { return 2.0 * hidden_size; }

  double attention_weight_bytes_per_layer() const
  {
    return static_cast<double>(attention_params_per_layer()) * bytes_per_element(weights) +
           attention_norm_bytes_per_layer();
  }
  double ffn_weight_bytes_per_layer() const
  {
    return static_cast<double>(ffn_params_per_layer()) * bytes_per_element(weights) + ffn_norm_bytes_per_layer();
  }
  double embedding_bytes() const { return static_cast<double>(embedding_params()) * 2.0; }
  double lm_head_bytes() const { return tie_embeddings ? 0.0 : embedding_bytes(); }
  // What each role holds: attention GPUs keep embedding, LM head and the attention-side layers.
  double attention_role_weight_bytes() const
  {
    return attention_weight_bytes_per_layer() * layers + embedding_bytes() + lm_head_bytes() + 2.0 * hidden_size;
  }
  double ffn_role_weight_bytes() const { return ffn_weight_bytes_per_layer() * layers; }
  double kv_bytes_per_token_per_layer() const { return 2.0 * static_cast<double>(kv_dim()) * bytes_per_element(kv_cache); }
  double kv_bytes_per_token() const { return kv_bytes_per_token_per_layer() * layers; }
  // One token's hidden state on the wire: FP8 carries one FP32 scale per 128 values.
  double activation_bytes_per_token(Dtype wire) const
  {
    double values = hidden_size * bytes_per_element(wire);
    return wire == Dtype::fp8 ? values + 4.0 * ((hidden_size + 127) / 128) : values;
  }
};

const std::vector<SpecField<ModelSpec>>& model_fields();
const std::vector<ModelSpec>& model_presets();
// Throws InputError naming the known presets when `name` is not one of them.
const ModelSpec& model_preset(const std::string& name);

} // namespace afdsim
