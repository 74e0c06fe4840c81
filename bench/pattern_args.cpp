#include "bench/pattern_args.hpp"

#include "sim/cost/cost_model.hpp"
#include "sim/engine/messages.hpp"
#include "sim/engine/worker_requests.hpp"
#include "sim/workload/request_source.hpp"

#include <fmt/format.h>

#include <memory>
#include <stdexcept>

namespace afdsim::bench {

namespace {

template <class T>
std::string joined(const std::vector<T>& values)
{
  std::string text;
  for (const T& v : values)
    text += (text.empty() ? "" : ",") + fmt::format("{}", v);
  return text;
}

} // namespace

std::vector<std::string> raw_pattern_args(const Scenario& s)
{
  if (s.deployment.mode != DeploymentMode::afd || s.workload.arrival != ArrivalProcess::closed)
    throw std::invalid_argument(s.source_file + ": the raw pattern mirrors closed-loop AFD scenarios only");
  const int r = s.deployment.attention_workers;
  const int m = s.deployment.microbatches;
  const std::unique_ptr<CostModel> cost = make_cost_model(s);
  const std::unique_ptr<RequestSource> source = make_request_source(s.workload);
  RequestIds ids;
  std::vector<RequestSlots> slots;
  std::unique_ptr<RequestDispatcher> dispatcher;
  make_worker_requests(s, r, *source, ids, slots, dispatcher);

  std::vector<double> attention_us;
  std::vector<uint64_t> a2f_bytes;
  std::vector<uint64_t> f2a_bytes;
  std::vector<int> ffn_tokens(static_cast<size_t>(m), 0);
  for (int i = 0; i < r; ++i) {
    const double slowdown = s.deployment.attention_slowdown.empty() ? 1.0 : s.deployment.attention_slowdown.at(static_cast<size_t>(i));
    const auto loads = slots[static_cast<size_t>(i)].microbatch_loads(m);
    for (int k = 0; k < m; ++k) {
      const MicrobatchLoad& load = loads[static_cast<size_t>(k)];
      attention_us.push_back(load.requests > 0 ? 1e6 * cost->attention_layer_s(load.requests, load.context_tokens) * slowdown : 0.0);
      a2f_bytes.push_back(activation_bytes(s.model, s.deployment.a2f_dtype, load.requests));
      f2a_bytes.push_back(activation_bytes(s.model, s.deployment.f2a_dtype, load.requests));
      ffn_tokens[static_cast<size_t>(k)] += load.requests;
    }
  }
  std::vector<double> ffn_us;
  for (int tokens : ffn_tokens)
    ffn_us.push_back(tokens > 0 ? 1e6 * cost->ffn_layer_s(tokens) : 0.0);
  const double lm_head_us = 1e6 * cost->lm_head_s(s.workload.batch_per_worker);
  return {"--platform",     s.platform.resolved_file,
          "--workers",      std::to_string(r),
          "--microbatches", std::to_string(m),
          "--layers",       std::to_string(s.model.layers),
          "--steps",        std::to_string(s.workload.steps),
          "--attention-us", joined(attention_us),
          "--ffn-us",       joined(ffn_us),
          "--lm-head-us",   fmt::format("{}", lm_head_us),
          "--a2f-bytes",    joined(a2f_bytes),
          "--f2a-bytes",    joined(f2a_bytes),
          "--compute",      s.platform.compute == ComputeActivity::sleep ? "sleep" : "exec"};
}

} // namespace afdsim::bench
