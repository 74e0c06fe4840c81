#pragma once
// What an actor does to the simulated world, each action recorded (RunRecorder): compute on its
// GPU, send an activation, and the waits and arrivals it observes. The actors call only these.
#include "sim/engine/kernel_visit.hpp"
#include "sim/engine/messages.hpp"
#include "sim/engine/pipeline_context.hpp"

#include <cstddef>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace afdsim {

class WorkerIo {
public:
  // Messages of warm-up steps are left out of the link traffic; GPU ops run as run.compute_activity says.
  WorkerIo(RunState& run, const Scenario& scenario, int worker, simgrid::s4u::Host* host);
  WorkerIo(PipelineContext& ctx, int worker, simgrid::s4u::Host* host) : WorkerIo(ctx, ctx.scenario, worker, host) {}

  // Runs `seconds` of GPU time on this worker's host (a sleep of that time, or an exec of seconds x
  // host speed flops) and records it. Zero time launches nothing.
  void compute(ComputeKind kind, int step, int layer, int microbatch, int tokens, double seconds,
               int padding_tokens = 0);
  // Fire-and-forget put: the transfer overlaps whatever this worker does next.
  void send(simgrid::s4u::Mailbox* mailbox, const simgrid::s4u::Host* destination,
            std::unique_ptr<ActivationMessage> message);
  // The same in two halves, so that several sends share one kernel visit (kernel_visit.hpp):
  // prepare each in the actor, then start them all inside the visit.
  simgrid::s4u::CommPtr prepare_send(simgrid::s4u::Mailbox* mailbox, const simgrid::s4u::Host* destination,
                                     std::unique_ptr<ActivationMessage> message);
  static void start_send(const simgrid::s4u::CommPtr& comm);
  // Blocks until `activity` (a posted receive, an exec) is done.
  void wait(const simgrid::s4u::ActivityPtr& activity) { waiter_.wait(activity); }
  // A message this worker received (the transfer, recorded on the receiving side).
  void record_arrival(const ActivationMessage& message);
  // A wait from `start_s` to `end_s` (default: now); nothing is recorded for an empty wait.
  void record_wait(WaitCause cause, int step, int layer, int microbatch, double start_s, double end_s);
  void record_wait(WaitCause cause, int step, int layer, int microbatch, double start_s)
  {
    record_wait(cause, step, layer, microbatch, start_s, now());
  }

  static double now();
  // Idles until simulated time `time_s` (open loop: waiting for the next arrival).
  static void sleep_until(double time_s);

private:
  size_t route_to(const simgrid::s4u::Host* destination);  // in run_.traffic

  RunState& run_;
  std::vector<std::pair<const simgrid::s4u::Host*, size_t>> routes_;  // destinations seen, their routes
  ActivityWaiter waiter_;
  int warmup_steps_;
  ComputeActivity compute_;
  int worker_;
  simgrid::s4u::Host* host_;
};

// Runs an actor body. An exception is stored in the context and stops every other actor: one
// escaping a SimGrid actor would abort the process. simulate() rethrows it after the run.
void run_guarded(RunState& run, const std::function<void()>& body);

} // namespace afdsim
