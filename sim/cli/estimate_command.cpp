#include "sim/cli/commands.hpp"
#include "sim/cost/decode_estimate.hpp"
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

// Preset lookups name the flag that chose the preset.
template <class Lookup>
auto preset_for_flag(const std::string& flag, Lookup lookup, const std::string& name)
{
  try {
    return lookup(name);
  } catch (const InputError& e) {
    throw InputError(flag, "", e.what());
  }
}

Dtype parse_flag_dtype(const std::string& flag, const std::string& value)
{
  if (auto d = parse_dtype(value))
    return *d;
  throw InputError(flag, "", "must be one of: fp8, bf16; got '" + value + "'");
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
                   {"bound", op.bound()}});
  return ops;
}

void print_ops_table(const char* part, const PartCost& cost)
{
  for (const auto& op : cost.ops)
    std::printf("  %-5s %-32s %4d %10.2f %10.2f %10.2f %10.2f  %s\n", part, op.name.c_str(), op.kernels,
                op.compute_s * 1e6, op.memory_s * 1e6, op.fixed_s * 1e6, op.time_s * 1e6, op.bound());
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
  const RooflineCostModel cost(model, preset_for_flag("--hardware", gpu_preset, args.hardware));
  const DecodeEstimate e = estimate_decode(cost, part, args.batch, args.context);

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
