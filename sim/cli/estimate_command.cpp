#include "sim/cli/commands.hpp"
#include "sim/cli/preset_flags.hpp"
#include "sim/cost/decode_estimate.hpp"
#include "sim/cost/ideal_roofline.hpp"
#include "sim/cost/profiled_cost_model.hpp"
#include "sim/specs/spec_override.hpp"
#include "sim/util/errors.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

namespace afdsim::cli {

namespace {

StepPart parse_part(const std::string& s)
{
  if (s == "attn")
    return StepPart::attn;
  if (s == "ffn")
    return StepPart::ffn;
  if (s == "full")
    return StepPart::full;
  throw InputError("--part", "", "must be one of: attn, ffn, full; got '" + s + "'");
}

nlohmann::json ops_json(const char* part, const PartCost& cost)
{
  nlohmann::json ops = nlohmann::json::array();
  for (const auto& op : cost.ops)
    ops.push_back({{"part", part},
                   {"name", op.name},
                   {"kernels", op.kernels},
                   {"flops", op.flops},
                   {"bytes", op.bytes},
                   {"compute_us", op.compute_s * 1e6},
                   {"memory_us", op.memory_s * 1e6},
                   {"fixed_us", op.fixed_s * 1e6},
                   {"time_us", op.time_s * 1e6},
                   {"bound", op.bound()},
                   {"source", to_string(op.source)}});
  return ops;
}

// A profiled op shows its source (measured, interpolated, fallback) instead of its bound.
void print_ops_table(const char* part, const PartCost& cost)
{
  for (const auto& op : cost.ops)
    std::printf("  %-5s %-32s %4d %10.2f %10.2f %10.2f %10.2f  %s\n", part, op.name.c_str(), op.kernels,
                op.compute_s * 1e6, op.memory_s * 1e6, op.fixed_s * 1e6, op.time_s * 1e6,
                op.source == OpSource::roofline ? op.bound() : to_string(op.source));
}

// --set model.KEY=VALUE and hardware.KEY=VALUE, in order.
void apply_sets(const std::vector<std::string>& sets, ModelSpec& model, GpuSpec& gpu)
{
  for (const auto& s : sets) {
    if (s.rfind("model.", 0) == 0)
      set_spec_field(model, model_fields(), s.substr(6), "--set");
    else if (s.rfind("hardware.", 0) == 0)
      set_spec_field(gpu, gpu_fields(), s.substr(9), "--set");
    else
      throw InputError("--set", "", "expected model.KEY=VALUE or hardware.KEY=VALUE, got '" + s + "'");
  }
}

// Step-3's per-token cost (sim/cost/ideal_roofline.hpp) at this context, on the preset's FP8 peak and HBM.
nlohmann::json ideal_json(const ModelSpec& model, const GpuSpec& gpu, int context)
{
  const IdealTokenCost c = ideal_token_cost(model, context, gpu.peak_flops(Dtype::fp8), gpu.hbm_bytes_per_s());
  return {{"kv_bytes", c.kv_bytes},
          {"attention_core_flops", c.attention_core_flops},
          {"linear_flops", c.linear_flops},
          {"ffn_flops", c.ffn_flops},
          {"attention_us", c.attention_s * 1e6},
          {"ffn_us", c.ffn_s * 1e6}};
}

} // namespace

int estimate_command(const EstimateArgs& args)
{
  const StepPart part = parse_part(args.part);
  if (args.batch < 1 || args.batch > 1'000'000)
    throw InputError("--batch", "", "must be an integer in [1, 1000000], got " + std::to_string(args.batch));
  if (args.context < 1 || args.context > 100'000'000)
    throw InputError("--context", "", "must be an integer in [1, 100000000], got " + std::to_string(args.context));
  ModelSpec model = preset_for_flag("--model", model_preset, args.model);
  model.weights = parse_flag_dtype("--weights", args.weights);
  model.kv_cache = parse_flag_dtype("--kv", args.kv);
  GpuSpec gpu = preset_for_flag("--hardware", gpu_preset, args.hardware);
  apply_sets(args.sets, model, gpu);
  if (!(args.op_overhead_us >= 0 && args.op_overhead_us <= 1e3))
    throw InputError("--op-overhead-us", "", "must be in [0, 1000] us");
  std::unique_ptr<OpCostModel> cost;
  if (args.tables.empty()) {
    cost = std::make_unique<RooflineCostModel>(model, gpu);
  } else {
    cost = std::make_unique<ProfiledCostModel>(model, gpu, load_operator_tables(args.tables, "--tables", ""),
                                               ProfiledOptions{args.op_overhead_us, true});
  }
  const DecodeEstimate e = estimate_decode(*cost, part, args.batch, args.context);

  if (args.json) {
    nlohmann::json ops = ops_json("attn", e.attention_layer);
    for (auto& op : ops_json("ffn", e.ffn_layer))
      ops.push_back(op);
    nlohmann::json j = {{"hardware", args.hardware},
                        {"model", args.model},
                        {"part", args.part},
                        {"batch", args.batch},
                        {"context", args.context},
                        {"weights", args.weights},
                        {"kv_cache", args.kv},
                        {"layers", e.layers},
                        {"time_ms", e.time_s * 1e3},
                        {"attention_layer_us", e.attention_layer.time_s * 1e6},
                        {"ffn_layer_us", e.ffn_layer.time_s * 1e6},
                        {"lm_head_us", cost->lm_head_s(args.batch) * 1e6},
                        {"cost_model", args.tables.empty() ? "roofline" : "profiled"},
                        {"ideal_per_token", ideal_json(model, gpu, args.context)},
                        {"ops_per_layer", ops}};
    std::cout << j.dump(2) << "\n";
    return kExitOk;
  }
  std::printf("%s on %s, %s weights, %s KV: part %s, batch %d, context %d tokens, %d layers\n", args.model.c_str(),
              args.hardware.c_str(), args.weights.c_str(), args.kv.c_str(), args.part.c_str(), args.batch,
              args.context, e.layers);
  std::printf("  %-5s %-32s %4s %10s %10s %10s %10s  %s\n", "part", "op (per layer)", "kern", "compute_us",
              "memory_us", "fixed_us", "time_us", "bound");
  print_ops_table("attn", e.attention_layer);
  print_ops_table("ffn", e.ffn_layer);
  std::printf("time_ms: %.4f  (attention %.2f us + FFN %.2f us per layer)\n", e.time_s * 1e3,
              e.attention_layer.time_s * 1e6, e.ffn_layer.time_s * 1e6);
  return kExitOk;
}

} // namespace afdsim::cli
