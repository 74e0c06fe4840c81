// One GPU's shard of a tensor-parallel group: its shapes, and what the roofline then charges it.
#include "sim/cost/roofline_cost_model.hpp"
#include "sim/specs/gpu_spec.hpp"
#include "sim/specs/tensor_parallel.hpp"

#include <gtest/gtest.h>

#include <map>
#include <stdexcept>

using namespace afdsim;

namespace {

std::map<std::string, OpCost> ops_by_name(const std::vector<PartCost>& parts)
{
  std::map<std::string, OpCost> ops;
  for (const auto& part : parts)
    for (const auto& op : part.ops)
      ops[op.name] = op;
  return ops;
}

std::map<std::string, OpCost> layer_ops(const ModelSpec& model, int requests, double context_tokens)
{
  const RooflineCostModel cost(model, gpu_preset("h20-3e"));
  return ops_by_name({cost.attention_layer(requests, context_tokens), cost.ffn_layer(requests), cost.lm_head(requests)});
}

} // namespace

TEST(TensorParallelShard, SplitsHeadsFfnAndVocabularyButNotTheHiddenSize)
{
  const ModelSpec full = model_preset("qwen3-32b");
  const ModelSpec tp8 = tensor_parallel_shard(full, 8);
  EXPECT_EQ(tp8.q_heads, 8);
  EXPECT_EQ(tp8.kv_heads, 1);
  EXPECT_EQ(tp8.intermediate_size, 3200);
  EXPECT_EQ(tp8.vocab_size, 18992);  // 151936 / 8
  EXPECT_EQ(tp8.hidden_size, 5120);
  EXPECT_EQ(tp8.head_dim, 128);
  EXPECT_EQ(tp8.layers, 64);
  EXPECT_EQ(tp8.weights, full.weights);
  EXPECT_EQ(tp8.name, "qwen3-32b/tp8");
  EXPECT_EQ(tp8.activation_bytes_per_token(Dtype::bf16), full.activation_bytes_per_token(Dtype::bf16));

  const ModelSpec tp1 = tensor_parallel_shard(full, 1);
  EXPECT_EQ(tp1.name, full.name);
  EXPECT_EQ(tp1.q_heads, full.q_heads);
  EXPECT_EQ(tp1.vocab_size, full.vocab_size);

  ModelSpec odd_vocab = full;
  odd_vocab.vocab_size = 10;
  EXPECT_EQ(tensor_parallel_shard(odd_vocab, 4).vocab_size, 3);  // the largest slice: rows 0..2

  const ModelSpec small = tensor_parallel_shard(model_preset("qwen3-8b"), 4);
  EXPECT_EQ(small.q_heads, 8);
  EXPECT_EQ(small.kv_heads, 2);
  EXPECT_EQ(small.intermediate_size, 3072);
}

TEST(TensorParallelShard, RefusesAGroupThatDoesNotDivideTheHeads)
{
  const ModelSpec full = model_preset("qwen3-32b");
  try {
    tensor_parallel_shard(full, 16);  // divides q_heads (64), not kv_heads (8)
    FAIL() << "no error";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "tensor_parallel_shard: 16 does not divide kv_heads (8)");
  }
  EXPECT_THROW(tensor_parallel_shard(full, 0), std::invalid_argument);
}

// Roofline on the TP2 shard of Qwen3-32B (FP8 weights) at one request: each GEMM streams half
// the weight bytes, plus its activations in (k values, FP8) and out (n values, BF16).
TEST(TensorParallelShard, Tp2HalvesTheWeightBytesOfEveryGemm)
{
  const auto full = layer_ops(model_preset("qwen3-32b"), 1, 2049);
  const auto tp2 = layer_ops(tensor_parallel_shard(model_preset("qwen3-32b"), 2), 1, 2049);
  struct Gemm {
    const char* name;
    double full_weight_bytes;
    double tp2_k, tp2_n;  // the shard's GEMM shape
    double full_k, full_n;
    double weight_bytes_per_value;
  };
  const Gemm gemms[] = {
      {"qkv_gemm", 5120.0 * 10240, 5120, 4096 + 2 * 512, 5120, 10240, 1},  // q 32 heads, kv 4 heads on TP2
      {"o_gemm", 8192.0 * 5120, 4096, 5120, 8192, 5120, 1},
      {"gate_up_gemm", 5120.0 * 51200, 5120, 25600, 5120, 51200, 1},
      {"down_gemm", 25600.0 * 5120, 12800, 5120, 25600, 5120, 1},
      {"lm_head_gemm", 5120.0 * 151936 * 2, 5120, 75968, 5120, 151936, 2},  // BF16 LM head, vocab-split
  };
  for (const auto& g : gemms) {
    const double tp2_activation = g.tp2_k * g.weight_bytes_per_value + g.tp2_n * 2;
    const double full_activation = g.full_k * g.weight_bytes_per_value + g.full_n * 2;
    EXPECT_DOUBLE_EQ(full.at(g.name).bytes, g.full_weight_bytes + full_activation) << g.name;
    EXPECT_DOUBLE_EQ(tp2.at(g.name).bytes, g.full_weight_bytes / 2 + tp2_activation) << g.name;
  }
  // Decode attention reads the shard's 4 KV heads: half the KV bytes (BF16: 2 x 4 x 128 x 2 per token).
  EXPECT_DOUBLE_EQ(tp2.at("decode_attention").bytes, 2049 * 2048.0 + 2 * (32 * 128 * 2));
  EXPECT_DOUBLE_EQ(full.at("decode_attention").bytes, 2049 * 4096.0 + 2 * (64 * 128 * 2));
}
