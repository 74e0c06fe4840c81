#include "sim/specs/model_spec.hpp"

#include <gtest/gtest.h>

using namespace afdsim;

// Brief §3: Qwen3-32B per-layer parameter counts and FP8 weight bytes per role.
TEST(ModelSpec, Qwen3_32bDerivedSizes)
{
  ModelSpec m = model_preset("qwen3-32b");
  EXPECT_EQ(m.qkv_params_per_layer(), 5120LL * 10240);
  EXPECT_EQ(m.o_params_per_layer(), 8192LL * 5120);
  EXPECT_EQ(m.ffn_params_per_layer(), 5120LL * 51200 + 25600LL * 5120);
  EXPECT_NEAR(m.attention_params_per_layer() * 64 / 1e9, 6.04, 0.005);  // GB at FP8
  EXPECT_NEAR(m.ffn_params_per_layer() * 64 / 1e9, 25.17, 0.005);
  EXPECT_DOUBLE_EQ(m.kv_bytes_per_token_per_layer(), 4096.0);             // BF16 KV
  m.kv_cache = Dtype::fp8;
  EXPECT_DOUBLE_EQ(m.kv_bytes_per_token(), 128.0 * 1024);
  EXPECT_DOUBLE_EQ(m.activation_bytes_per_token(Dtype::bf16), 10240.0);
  EXPECT_DOUBLE_EQ(m.activation_bytes_per_token(Dtype::fp8), 5120.0 + 40 * 4);
}
