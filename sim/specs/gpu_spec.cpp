#include "sim/specs/gpu_spec.hpp"

#include "sim/util/errors.hpp"

namespace afdsim {

const std::vector<SpecField<GpuSpec>>& gpu_fields()
{
  using G = GpuSpec;
  static const std::vector<SpecField<G>> fields = {
      {"memory_gb", &G::memory_gb, 1, 1e4, "HBM capacity, GB (1e9 B)"},
      {"hbm_bandwidth_gb_per_s", &G::hbm_bandwidth_gb_per_s, 1, 1e6, "HBM bandwidth, GB/s"},
      {"bf16_tflops", &G::bf16_tflops, 0.001, 1e6, "dense BF16 tensor peak, TFLOP/s"},
      {"fp8_tflops", &G::fp8_tflops, 0.001, 1e6, "dense FP8 tensor peak, TFLOP/s"},
      {"sms", &G::sms, 1, 10000, "streaming multiprocessors"},
      {"nvlink_gb_per_s", &G::nvlink_gb_per_s, 0.001, 1e6, "NVLink bandwidth per direction, GB/s"},
      {"gemm_mfu", &G::gemm_mfu, 0.01, 1, "GEMM tensor-core efficiency on full tiles"},
      {"gemm_fill_rows", &G::gemm_fill_rows, 0, 1e4, "GEMM fill/drain cost as extra rows of work"},
      {"gemm_mbu", &G::gemm_mbu, 0.01, 1, "GEMM weight-streaming HBM efficiency"},
      {"mma_tile_m", &G::mma_tile_m, 1, 1024, "rows per MMA tile; m is rounded up to it"},
      {"swap_ab", &G::swap_ab, 0, 1, "small-m GEMMs swap A and B (tokens in the N slot)"},
      {"swap_ab_max_m", &G::swap_ab_max_m, 0, 1e6, "largest m that uses swap-AB"},
      {"swap_ab_tile", &G::swap_ab_tile, 1, 1024, "m is rounded up to this under swap-AB"},
      {"attention_mbu_bf16_kv", &G::attention_mbu_bf16_kv, 0.01, 1, "decode-attention HBM efficiency, BF16 KV"},
      {"attention_mbu_fp8_kv", &G::attention_mbu_fp8_kv, 0.01, 1, "decode-attention HBM efficiency, FP8 KV"},
      {"attention_half_ctas", &G::attention_half_ctas, 0, 1e6,
       "requests x kv_heads at which decode attention reaches half its efficiency"},
      {"attention_fixed_us", &G::attention_fixed_us, 0, 1e4, "fixed cost of the attention kernel, us"},
      {"elementwise_mbu", &G::elementwise_mbu, 0.01, 1, "HBM efficiency of norms, rotary, activation, adds"},
      {"kernel_fixed_us", &G::kernel_fixed_us, 0, 1e4, "fixed cost of every kernel launch, us"},
      {"attention_kernels", &G::attention_kernels, 0, 1000, "kernels per attention half-layer"},
      {"ffn_kernels", &G::ffn_kernels, 0, 1000, "kernels per FFN half-layer"},
  };
  return fields;
}

const std::vector<GpuSpec>& gpu_presets()
{
  static const std::vector<GpuSpec> presets = [] {
    std::vector<GpuSpec> v;
    // PROVISIONAL: values are being fitted; see docs/cost-model.md.
    GpuSpec h20;
    h20.name = "h20";
    h20.memory_gb = 96;
    h20.hbm_bandwidth_gb_per_s = 4000;
    h20.bf16_tflops = 148;
    h20.fp8_tflops = 296;
    h20.sms = 78;
    h20.nvlink_gb_per_s = 450;
    h20.gemm_mfu = 0.95;
    h20.gemm_fill_rows = 12;
    h20.gemm_mbu = 0.8;
    h20.mma_tile_m = 64;
    h20.swap_ab = false;
    h20.swap_ab_max_m = 0;
    h20.swap_ab_tile = 8;
    h20.attention_mbu_bf16_kv = 0.74;
    h20.attention_mbu_fp8_kv = 0.5;
    h20.attention_half_ctas = 0;
    h20.attention_fixed_us = 5;
    h20.elementwise_mbu = 0.5;
    h20.kernel_fixed_us = 2;
    h20.attention_kernels = 10;
    h20.ffn_kernels = 5;
    v.push_back(h20);

    GpuSpec h20_3e = h20;
    h20_3e.name = "h20-3e";
    h20_3e.memory_gb = 141;
    h20_3e.hbm_bandwidth_gb_per_s = 4800;
    v.push_back(h20_3e);

    GpuSpec h100 = h20;
    h100.name = "h100-sxm";
    h100.memory_gb = 80;
    h100.hbm_bandwidth_gb_per_s = 3350;
    h100.bf16_tflops = 989;
    h100.fp8_tflops = 1979;
    h100.sms = 132;
    h100.nvlink_gb_per_s = 450;
    h100.attention_kernels = 20;
    h100.ffn_kernels = 9;
    v.push_back(h100);

    GpuSpec h200 = h100;
    h200.name = "h200";
    h200.memory_gb = 141;
    h200.hbm_bandwidth_gb_per_s = 4800;
    v.push_back(h200);

    GpuSpec h800 = h100;
    h800.name = "h800";
    h800.nvlink_gb_per_s = 200;
    v.push_back(h800);

    GpuSpec b200 = h100;
    b200.name = "b200";
    b200.memory_gb = 180;
    b200.hbm_bandwidth_gb_per_s = 8000;
    b200.bf16_tflops = 2250;
    b200.fp8_tflops = 4500;
    b200.sms = 148;
    b200.nvlink_gb_per_s = 900;
    v.push_back(b200);
    return v;
  }();
  return presets;
}

const GpuSpec& gpu_preset(const std::string& name)
{
  std::string known;
  for (const auto& g : gpu_presets()) {
    if (g.name == name)
      return g;
    known += (known.empty() ? "" : ", ") + g.name;
  }
  throw InputError("", "", "unknown hardware preset '" + name + "' (known: " + known + ")");
}

} // namespace afdsim
