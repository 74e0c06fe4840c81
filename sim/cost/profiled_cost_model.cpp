#include "sim/cost/profiled_cost_model.hpp"

#include "sim/config/number_text.hpp"

#include <algorithm>

namespace afdsim {

namespace {

std::string gemm_shape(int64_t n, int64_t k, Dtype weights)
{
  return "n=" + std::to_string(n) + " k=" + std::to_string(k) + " " + to_string(weights);
}

// The table's time replaces the roofline's; its terms no longer apply.
void take_table_time(OpCost& op, const TableValue& v, double overhead_us)
{
  op.time_s = std::max(v.value - overhead_us, 0.0) * 1e-6;
  op.compute_s = 0;
  op.memory_s = 0;
  op.fixed_s = 0;
  op.source = v.source;
}

} // namespace

std::string step_model_key(const ModelSpec& m)
{
  return "hidden_size=" + std::to_string(m.hidden_size) + " layers=" + std::to_string(m.layers) +
         " q_heads=" + std::to_string(m.q_heads) + " kv_heads=" + std::to_string(m.kv_heads) +
         " head_dim=" + std::to_string(m.head_dim) + " intermediate_size=" + std::to_string(m.intermediate_size) +
         " vocab_size=" + std::to_string(m.vocab_size);
}

ProfiledCostModel::ProfiledCostModel(ModelSpec model, GpuSpec gpu, const OperatorTables& tables,
                                     ProfiledOptions options, CostProvenanceLog* log)
    : roofline_(std::move(model), std::move(gpu)), options_(options), log_(log)
{
  const ModelSpec& m = roofline_.model();
  struct Shape {
    const char* roofline_op;
    const char* table_op;
    int64_t n;
    int64_t k;
    Dtype weights;
  };
  const int64_t hidden = m.hidden_size;
  const int64_t inter = m.intermediate_size;
  const Shape shapes[] = {
      {"qkv_gemm", "qkv", m.q_dim() + 2 * m.kv_dim(), hidden, m.weights},
      {"o_gemm", "o", hidden, m.q_dim(), m.weights},
      {"gate_up_gemm", "gate_up", 2 * inter, hidden, m.weights},
      {"down_gemm", "down", hidden, inter, m.weights},
      {"lm_head_gemm", "lm_head", m.vocab_size, hidden, Dtype::bf16},  // the LM head stays BF16
  };
  for (const auto& s : shapes) {
    GemmTable& t = gemms_[s.roofline_op];
    t.shape = gemm_shape(s.n, s.k, s.weights);
    for (const auto& g : tables.gemm) {
      if (g.op != s.table_op)
        continue;
      t.op_measured = true;
      if (g.weights == s.weights && g.n == s.n && g.k == s.k)
        t.by_m.add(static_cast<double>(g.m), g.time_us);
    }
  }

  attention_shape_ = "q_heads=" + std::to_string(m.q_heads) + " kv_heads=" + std::to_string(m.kv_heads) +
                     " head_dim=" + std::to_string(m.head_dim) + " kv " + to_string(m.kv_cache);
  for (const auto& a : tables.attention) {
    attention_measured_ = true;
    if (a.q_heads == m.q_heads && a.kv_heads == m.kv_heads && a.head_dim == m.head_dim && a.kv == m.kv_cache)
      attention_.add(static_cast<double>(a.batch), static_cast<double>(a.context), a.time_us);
  }

  if (!options_.use_step_table)
    return;
  for (const auto& s : tables.steps) {
    if (s.weights != m.weights || s.layers != m.layers)
      continue;
    const double us_per_layer = s.time_ms * 1e3 / s.layers;
    if (s.part == StepPart::attn && s.kv == m.kv_cache)
      attention_steps_.add(static_cast<double>(s.batch), static_cast<double>(s.context), us_per_layer);
    else if (s.part == StepPart::ffn)
      ffn_steps_.add(static_cast<double>(s.batch), us_per_layer);
  }
}

void ProfiledCostModel::record(const OpCost& op, const std::string& shape, const std::string& reason) const
{
  if (log_)
    log_->record(op.name, shape, op.source, reason);
}

PartCost ProfiledCostModel::step_part(const char* name, const TableValue& v, const std::string& shape) const
{
  OpCost op;
  op.name = name;
  take_table_time(op, v, 0);  // whole steps ran in CUDA graphs: no launch latency to take off
  record(op, shape, "");
  PartCost part;
  part.add(op);
  return part;
}

void ProfiledCostModel::profile_gemm(OpCost& op, int m) const
{
  const GemmTable& t = gemms_.at(op.name);
  const std::string shape = "m=" + std::to_string(m) + " " + t.shape;
  if (!t.op_measured) {
    record(op, shape, "");
    return;
  }
  const TableValue v = t.by_m.at(m);
  if (!v.found) {
    op.source = OpSource::fallback;
    record(op, shape, t.by_m.empty() ? "gemm.csv has no rows of this shape (n, k, weight dtype)" : v.reason);
    return;
  }
  take_table_time(op, v, options_.op_overhead_us);
  record(op, shape, "");
}

void ProfiledCostModel::profile_attention(OpCost& op, int requests, double context_tokens) const
{
  const double per_request = context_tokens / requests;
  const std::string shape = "batch=" + std::to_string(requests) + " context=" + format_number(per_request) + " " +
                            attention_shape_;
  if (!attention_measured_) {
    record(op, shape, "");
    return;
  }
  const TableValue v = attention_.at(requests, per_request);
  if (!v.found) {
    op.source = OpSource::fallback;
    record(op, shape, attention_.empty() ? "decode_attention.csv has no rows of these heads and KV dtype" : v.reason);
    return;
  }
  take_table_time(op, v, options_.op_overhead_us);
  record(op, shape, "");
}

PartCost ProfiledCostModel::profile_ops(const PartCost& roofline, int tokens, double context_tokens) const
{
  PartCost part;
  for (OpCost op : roofline.ops) {
    if (op.name == "decode_attention")
      profile_attention(op, tokens, context_tokens);
    else if (gemms_.count(op.name))
      profile_gemm(op, tokens);
    else
      record(op, "tokens=" + std::to_string(tokens), "");
    part.add(op);
  }
  return part;
}

PartCost ProfiledCostModel::attention_layer(int requests, double context_tokens) const
{
  const double per_request = context_tokens / requests;
  if (!attention_steps_.empty()) {
    const TableValue v = attention_steps_.at(requests, per_request);
    if (v.found)
      return step_part("attention_half_layer", v,
                       "batch=" + std::to_string(requests) + " context=" + format_number(per_request));
  }
  return profile_ops(roofline_.attention_layer(requests, context_tokens), requests, context_tokens);
}

PartCost ProfiledCostModel::ffn_layer(int tokens) const
{
  if (!ffn_steps_.empty()) {
    const TableValue v = ffn_steps_.at(tokens);
    if (v.found)
      return step_part("ffn_half_layer", v, "batch=" + std::to_string(tokens));
  }
  return profile_ops(roofline_.ffn_layer(tokens), tokens, 0);
}

PartCost ProfiledCostModel::lm_head(int requests) const
{
  return profile_ops(roofline_.lm_head(requests), requests, 0);
}

} // namespace afdsim
