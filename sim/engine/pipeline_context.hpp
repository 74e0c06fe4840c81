#pragma once
// Everything the actors of one AFD simulation share, passed to each explicitly (no globals):
// the scenario, the cost model, the hosts and mailboxes, the request slots, and (RunState) what
// the run records.
#include "sim/config/scenario.hpp"
#include "sim/cost/cost_model.hpp"
#include "sim/engine/run_state.hpp"
#include "sim/workload/request_dispatcher.hpp"
#include "sim/workload/request_slots.hpp"

#include <simgrid/forward.h>
#include <spdlog/logger.h>

#include <memory>
#include <vector>

namespace afdsim {

// Faults tests can inject; all off by default.
struct PipelineHooks {
  int ffn_withholds_reply_at_step = -1;  // the FFN never answers attn0 for (step, layer 0, mb 0)
  int attention_throws_at_step = -1;     // attn0 throws at the start of that step
  int attention_interrupts_at_step = -1; // attn0 records a SIGTERM at the start of that step
};

struct PipelineContext : RunState {
  const Scenario& scenario;
  const CostModel& cost;
  const PipelineHooks& hooks;
  std::shared_ptr<spdlog::logger> progress_log;

  std::vector<simgrid::s4u::Host*> attention_hosts;  // index = attention worker
  simgrid::s4u::Host* ffn_host = nullptr;
  // Mailboxes, one stream per (attention worker i, microbatch k); index i * m + k.
  std::vector<simgrid::s4u::Mailbox*> to_ffn;
  std::vector<simgrid::s4u::Mailbox*> to_attention;
  std::vector<RequestSlots> slots;  // index = attention worker
  // Open loop only (nullptr in the closed loop): routes arrivals to the workers' queues.
  std::unique_ptr<RequestDispatcher> dispatcher;

  int attention_workers() const { return static_cast<int>(attention_hosts.size()); }
  int ffn_worker() const { return attention_workers(); }  // worker index of the FFN
  int microbatches() const { return scenario.deployment.microbatches; }
  int layers() const { return scenario.model.layers; }
  int steps() const { return scenario.workload.steps; }
  bool open_loop() const { return dispatcher != nullptr; }
  size_t stream(int worker, int microbatch) const
  {
    return static_cast<size_t>(worker) * static_cast<size_t>(microbatches()) + static_cast<size_t>(microbatch);
  }
};

} // namespace afdsim
