#pragma once
// What an actor does to the simulated world, each action recorded in the EventLog: compute on
// its GPU, send an activation, and the waits and arrivals it observes. The actors call only these.
#include "sim/engine/messages.hpp"
#include "sim/engine/pipeline_context.hpp"

#include <functional>
#include <memory>

namespace afdsim {

class WorkerIo {
public:
  // Messages of steps before `warmup_steps` are left out of the link traffic.
  WorkerIo(RunState& run, int warmup_steps, int worker, simgrid::s4u::Host* host);
  WorkerIo(PipelineContext& ctx, int worker, simgrid::s4u::Host* host)
      : WorkerIo(ctx, ctx.scenario.workload.warmup_steps, worker, host)
  {
  }

  // Runs `seconds` of GPU time on this worker's host (an exec of seconds x host speed flops) and
  // records it. Zero time launches nothing.
  void compute(ComputeKind kind, int step, int layer, int microbatch, int tokens, double seconds,
               int padding_tokens = 0);
  // Fire-and-forget put: the transfer overlaps whatever this worker does next.
  void send(simgrid::s4u::Mailbox* mailbox, const simgrid::s4u::Host* destination,
            std::unique_ptr<ActivationMessage> message);
  // A message this worker received (the transfer, recorded on the receiving side).
  void record_arrival(const ActivationMessage& message);
  // A wait that started at `start_s` and ends now; nothing is recorded for an empty wait.
  void record_wait(WaitCause cause, int step, int layer, int microbatch, double start_s);

  static double now();
  // Idles until simulated time `time_s` (open loop: waiting for the next arrival).
  static void sleep_until(double time_s);

private:
  RunState& run_;
  int warmup_steps_;
  int worker_;
  simgrid::s4u::Host* host_;
};

// Runs an actor body. An exception is stored in the context and stops every other actor: one
// escaping a SimGrid actor would abort the process. simulate() rethrows it after the run.
void run_guarded(RunState& run, const std::function<void()>& body);

} // namespace afdsim
