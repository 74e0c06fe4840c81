#pragma once
// One GPU: datasheet figures plus the kernel-efficiency parameters of the roofline cost model
// (brief §4). Every preset value carries its source in gpu_spec.cpp.
#include "sim/specs/dtype.hpp"
#include "sim/specs/spec_field.hpp"

#include <string>
#include <vector>

namespace afdsim {

struct GpuSpec {
  std::string name;
  // Datasheet (dense peaks, SI units: GB = 1e9 B).
  double memory_gb = 0;
  double hbm_bandwidth_gb_per_s = 0;
  double bf16_tflops = 0;
  double fp8_tflops = 0;
  int sms = 0;
  double nvlink_gb_per_s = 0;  // per direction

  // GEMMs: time = max(2 (rows + fill) K N / (peak mfu), bytes / (hbm mbu)) + gemm_fixed.
  double gemm_mfu = 0;         // tensor-core efficiency on full tiles
  double gemm_fill_rows = 0;   // pipeline fill and drain of a GEMM, as extra rows of work
  double gemm_mbu = 0;         // HBM efficiency of weight streaming
  double gemm_fixed_us = 0;    // prologue, epilogue and last-wave tail of one GEMM kernel
  int mma_tile_m = 64;         // rows per MMA tile (wgmma M = 64 on Hopper)
  bool swap_ab = false;        // small-m GEMMs put the tokens in the N slot
  int swap_ab_max_m = 0;       // ... when m is at most this
  int swap_ab_tile = 8;        // ... and then round m up to this
  // Decode attention: bytes / (hbm mbu x occupancy), occupancy = ctas / (ctas + attention_half_ctas),
  // ctas = requests x kv_heads.
  double attention_mbu_bf16_kv = 0;
  double attention_mbu_fp8_kv = 0;
  double attention_half_ctas = 0;
  double attention_fixed_us = 0;   // launch and split-KV combine of the attention kernel
  // Small kernels (norms, rotary, activation, residual, KV write): bytes / (hbm elementwise_mbu).
  double elementwise_mbu = 0;
  double kernel_fixed_us = 0;      // fixed cost of every kernel launched
  int attention_kernels = 0;       // kernels one attention half-layer launches
  int ffn_kernels = 0;             // kernels one FFN half-layer launches
  // Memory besides weights and KV (sim/memory): a fixed workspace per GPU and the fraction of
  // capacity the serving engine keeps back.
  double workspace_gb = 0;             // activations, CUDA graphs, communication buffers, GB
  double reserved_memory_fraction = 0; // of memory_gb, never allocated to weights, KV or workspace

  double peak_flops(Dtype d) const { return (d == Dtype::fp8 ? fp8_tflops : bf16_tflops) * 1e12; }
  double hbm_bytes_per_s() const { return hbm_bandwidth_gb_per_s * 1e9; }
};

const std::vector<SpecField<GpuSpec>>& gpu_fields();
const std::vector<GpuSpec>& gpu_presets();
// Throws InputError naming the known presets when `name` is not one of them.
const GpuSpec& gpu_preset(const std::string& name);

} // namespace afdsim
