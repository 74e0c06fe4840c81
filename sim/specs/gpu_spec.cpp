#include "sim/specs/gpu_spec.hpp"

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
      {"gemm_fixed_us", &G::gemm_fixed_us, 0, 1e4, "fixed cost of one GEMM kernel (prologue, tail), us"},
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
      {"workspace_gb", &G::workspace_gb, 0, 1e4, "memory for activations, CUDA graphs and communication buffers, GB"},
      {"reserved_memory_fraction", &G::reserved_memory_fraction, 0, 0.99,
       "fraction of memory_gb the serving engine keeps back"},
  };
  return fields;
}

const std::vector<GpuSpec>& gpu_presets()
{
  // Sources: research/hardware.md (datasheets, [R..] tags there) and the fits of
  // docs/cost-model.md. [I] marks an assumption with no measurement behind it.
  static const std::vector<GpuSpec> presets = [] {
    std::vector<GpuSpec> v;

    // H100 SXM 80GB. Datasheet: 80 GB, 3.35 TB/s, 989/1979 dense TFLOP/s, 132 SMs, NVLink 450 GB/s
    // per direction [R9,R10]. Efficiencies: the least-squares fit of `afdsim calibrate --hardware
    // h100-sxm --measurements profiles/h100-sxm` (calibration/h100-sxm: 38 whole steps, 104 GEMMs,
    // 46 decode-attention kernels; steps median error 2.4%, worst 8.1%; docs/validation.md), rounded
    // to 3 digits. Kernel counts are those of the measured stack (unfused PyTorch in CUDA graphs,
    // kernels_per_layer.csv): 20 per attention half, 9 per FFN half.
    GpuSpec h100;
    h100.name = "h100-sxm";
    h100.memory_gb = 80;
    h100.hbm_bandwidth_gb_per_s = 3350;
    h100.bf16_tflops = 989;
    h100.fp8_tflops = 1979;
    h100.sms = 132;
    h100.nvlink_gb_per_s = 450;
    h100.gemm_mfu = 0.766;            // fit; cuBLASLt 8192^3 reached 0.70 (FP8) and 0.80 (BF16) in the same session
    h100.gemm_fill_rows = 0;          // fit (at its bound: no fill cost visible beside one efficiency)
    h100.gemm_mbu = 0.819;            // fit; the session's device copy reached 3.00 TB/s = 0.90
    h100.gemm_fixed_us = 0;           // fit: in a graph a GEMM costs its bytes plus kernel_fixed_us
    h100.mma_tile_m = 64;             // wgmma M = 64 (hardware.md §4.1)
    h100.swap_ab = false;             // cuBLASLt in the harness; TRT-LLM uses swap-AB below m = 32 [R5]
    h100.swap_ab_max_m = 32;
    h100.swap_ab_tile = 8;
    h100.attention_mbu_bf16_kv = 0.793; // fit (PyTorch flash SDPA); FlashMLA reaches 0.90 on H800 [R24]
    h100.attention_mbu_fp8_kv = 0.793;  // [I] no FP8-KV measurement; H100 has the compute to dequantize
    h100.attention_half_ctas = 1.82;    // fit: barely any occupancy loss at batch >= 1
    h100.attention_fixed_us = 3.32;     // fit
    h100.elementwise_mbu = 0.180;       // fit: small kernels move little data inefficiently
    h100.kernel_fixed_us = 2.38;        // fit: in-graph cost per kernel (hardware.md §4.4 suggests 1.5-3)
    h100.attention_kernels = 20;
    h100.ffn_kernels = 9;
    // [I] Decode activations are small (a 32-request batch is MBs), but an engine also holds the
    // CUDA graphs it captured for each batch size, GEMM workspaces, the logits buffer and NCCL
    // buffers (0.34-0.39 GB on H20-3e per AIConfigurator, afd-literature.md §0.2); 4 GB covers them.
    h100.workspace_gb = 4;
    // [I] vLLM's default gpu_memory_utilization is 0.9: it never allocates the last 10%.
    h100.reserved_memory_fraction = 0.10;
    v.push_back(h100);

    // H20 96GB. Datasheet: 96 GB, 4.0 TB/s, 148/296 dense TFLOP/s (296 FP8 verified dense by
    // DeepGEMM reaching 282 TFLOP/s), 78 SMs, NVLink 450 GB/s per direction [R1-R5]. Efficiencies
    // fitted to the published H20 kernel timings (profiles/h20-infersim, afd-literature.md §6.2:
    // DeepGEMM FP8 GEMMs, FlashInfer decode attention) by a search minimising the worst row (7.6%);
    // `afdsim calibrate --no-fit` reproduces the errors, and its least-squares fit differs
    // (docs/cost-model.md). Kernel counts: a production engine with
    // fused kernels and CUDA graphs [I] (hardware.md §4.4: 10-15 per decoder layer).
    GpuSpec h20;
    h20.name = "h20";
    h20.memory_gb = 96;
    h20.hbm_bandwidth_gb_per_s = 4000;
    h20.bf16_tflops = 148;
    h20.fp8_tflops = 296;
    h20.sms = 78;
    h20.nvlink_gb_per_s = 450;
    h20.gemm_mfu = 0.92;              // fit; DeepGEMM reaches 0.93-0.95 at large m
    h20.gemm_fill_rows = 8;           // fit: MFU 0.80 at m = 64 rising to 0.93 at m = 512
    h20.gemm_mbu = 0.75;              // [I] not exercised by the data (tiles are compute-bound); DeepGEMM
                                      // swap-AB streamed 3.1 TB/s = 0.78 on H20 [R32]
    h20.gemm_fixed_us = 0;            // fit
    h20.mma_tile_m = 64;              // wgmma M = 64: flat 142 us from m = 16 to 64 (gate_up)
    h20.swap_ab = false;              // the published DeepGEMM rows are without swap-AB; TRT-LLM swaps
    h20.swap_ab_max_m = 64;           // below m = 64 on H20 [R5]: a what-if (hardware.swap_ab: true)
    h20.swap_ab_tile = 8;
    h20.attention_mbu_bf16_kv = 0.73; // fit; FlashInfer 2.95 TB/s = 0.74 at 64 x 4096
    h20.attention_mbu_fp8_kv = 0.52;  // fit; FP8 KV is dequantization-bound on H20 (1.94 TB/s)
    h20.attention_half_ctas = 12;     // fit: 16 requests x 8 KV heads lose 9%
    h20.attention_fixed_us = 8.3;     // fit
    h20.elementwise_mbu = 0.19;       // [I] from the first, hand-run H100 fit (no H20 step data; the
    h20.kernel_fixed_us = 1.7;        // [I] least-squares H100 fit has 0.180 and 2.38 us)
    h20.attention_kernels = 8;        // [I] fused norm, QKV, quant, q/k norm + rotary, KV write, attention, O, quant
    h20.ffn_kernels = 5;              // [I] fused add + norm, quant, gate_up, SiLU*mul + quant, down
    h20.workspace_gb = 4;             // [I] as for H100 (see there)
    h20.reserved_memory_fraction = 0.10; // [I] vLLM's default gpu_memory_utilization 0.9
    v.push_back(h20);

    // H20-3e 141GB: 141 GB HBM3e [R8]. HBM bandwidth UNVERIFIED: 4.8 TB/s is the common
    // assumption (4.917 in one vendor table, 4.0 in one roofline script; hardware.md §2.2); override
    // hardware.hbm_bandwidth_gb_per_s to bound it. Compute assumed equal to H20 [I].
    GpuSpec h20_3e = h20;
    h20_3e.name = "h20-3e";
    h20_3e.memory_gb = 141;
    h20_3e.hbm_bandwidth_gb_per_s = 4800;
    v.push_back(h20_3e);

    // H200 SXM: 141 GB HBM3e at 4.8 TB/s, H100 compute, NVLink 450 per direction [R12-R14].
    // Efficiencies from the H100 fit [I]; production kernel counts as for H20 [I].
    GpuSpec h200 = h100;
    h200.name = "h200";
    h200.memory_gb = 141;
    h200.hbm_bandwidth_gb_per_s = 4800;
    h200.attention_kernels = h20.attention_kernels;
    h200.ffn_kernels = h20.ffn_kernels;
    v.push_back(h200);

    // H800 SXM: H100 compute and HBM, NVLink 200 GB/s per direction [R2,R15].
    GpuSpec h800 = h200;
    h800.name = "h800";
    h800.memory_gb = 80;
    h800.hbm_bandwidth_gb_per_s = 3350;
    h800.nvlink_gb_per_s = 200;
    v.push_back(h800);

    // B200 (HGX, 1000 W): 180 GB usable [I], 8 TB/s, 2250/4500 dense TFLOP/s, 148 SMs, NVLink 900 GB/s
    // per direction [R16,R17]. Efficiencies from the H100 fit [I].
    GpuSpec b200 = h200;
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
  return find_preset(gpu_presets(), name, "hardware");
}

} // namespace afdsim
