#pragma once
// What the simulation asks of a cost model: seconds of GPU time for each unit of work it schedules.
#include "sim/config/scenario.hpp"

#include <memory>

namespace afdsim {

class CostModel {
public:
  virtual ~CostModel() = default;
  // One layer's attention half on one GPU: `requests` decode tokens whose KV lengths sum to
  // `context_tokens` (the KV read of this step, the new token included).
  virtual double attention_layer_s(int requests, double context_tokens) const = 0;
  // One layer's FFN half on `tokens` tokens (every attention worker's microbatch slice together).
  virtual double ffn_layer_s(int tokens) const = 0;
  // Once per step on an attention GPU: final norm, LM head and sampling for `requests` tokens.
  virtual double lm_head_s(int requests) const = 0;
};

class CostProvenanceLog;  // sim/cost/cost_provenance.hpp

// The model the scenario's cost_model.kind names. A profiled model records in `provenance` (if
// given) where each op time it gives comes from; the others ignore it.
std::unique_ptr<CostModel> make_cost_model(const Scenario& scenario, CostProvenanceLog* provenance = nullptr);

} // namespace afdsim
