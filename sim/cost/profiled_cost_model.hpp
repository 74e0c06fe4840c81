#pragma once
// The profiled cost model (cost_model.kind: profiled): op times interpolated in measured tables
// (sim/cost/op_tables.hpp), the roofline where the tables stop.
//
// A half-layer is, in order of preference:
//   1. the whole-step table (decode_step.csv, part attn / ffn, the model's dtypes and layer count),
//      divided by its layers: attention bilinear in (requests, KV tokens per request), FFN linear
//      in tokens. Used only for the model the tables were declared for (`step_model_key`), since
//      a step row carries no shapes.
//   2. otherwise op by op, as the roofline splits it: each GEMM from gemm.csv (op, weight dtype,
//      n and k of the model; linear in m), decode attention from decode_attention.csv (the
//      model's heads, head_dim and KV dtype; bilinear in requests and KV tokens per request),
//      minus `op_overhead_us` (the launch latency a standalone timing includes and a CUDA-graph
//      step does not). An op outside its table's range, or with no rows of its shape, is the
//      roofline's (fallback); ops no table holds (norms, rotary, sampling, ...) are the
//      roofline's too (roofline).
// With requests of unequal contexts, the KV tokens per request is their mean (the KV read, the
// product, is then exact).
#include "sim/cost/cost_provenance.hpp"
#include "sim/cost/op_tables.hpp"
#include "sim/cost/roofline_cost_model.hpp"

#include <map>
#include <memory>
#include <string>

namespace afdsim {

struct ProfiledOptions {
  double op_overhead_us = 0;
  bool use_step_table = true;  // false for shapes the step table was not measured on
};

class ProfiledCostModel final : public OpCostModel {
public:
  // The tables are indexed here and not kept. `log`, when given, records every op time asked for
  // (it must outlive the model).
  ProfiledCostModel(ModelSpec model, GpuSpec gpu, const OperatorTables& tables, ProfiledOptions options,
                    CostProvenanceLog* log = nullptr);

  PartCost attention_layer(int requests, double context_tokens) const override;
  PartCost ffn_layer(int tokens) const override;
  PartCost lm_head(int requests) const override;
  const ModelSpec& model() const override { return roofline_.model(); }

private:
  struct GemmTable {
    std::string shape;  // "n=10240 k=5120 fp8"
    Table1D by_m{"m"};
    bool op_measured = false;  // the tables hold this op at some shape
  };
  // Replaces the roofline's op by its table's time where the table covers it.
  void profile_gemm(OpCost& op, int m) const;
  void profile_attention(OpCost& op, int requests, double context_tokens) const;
  // The roofline's ops of a half-layer of `tokens` tokens, each replaced by its table's time where
  // a table covers it.
  PartCost profile_ops(const PartCost& roofline, int tokens, double context_tokens) const;
  PartCost step_part(const char* name, const TableValue& v, const std::string& shape) const;
  void record(const OpCost& op, const std::string& shape, const std::string& reason) const;

  RooflineCostModel roofline_;
  ProfiledOptions options_;
  CostProvenanceLog* log_;
  std::map<std::string, GemmTable> gemms_;  // by the roofline's op name ("qkv_gemm", ...)
  Table2D attention_{"batch", "context"};
  std::string attention_shape_;
  bool attention_measured_ = false;
  Table2D attention_steps_{"batch", "context"};
  Table1D ffn_steps_{"batch"};
};

// The identity of a model's shapes, for matching a step table to the model it was measured on.
std::string step_model_key(const ModelSpec& model);

} // namespace afdsim
