#include "sim/engine/worker_io.hpp"

#include "sim/util/interrupt.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Exec.hpp>
#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/Mailbox.hpp>

namespace afdsim {

WorkerIo::WorkerIo(RunState& run, int warmup_steps, int worker, simgrid::s4u::Host* host)
    : run_(run), warmup_steps_(warmup_steps), worker_(worker), host_(host)
{
}

double WorkerIo::now() { return simgrid::s4u::Engine::get_clock(); }

void WorkerIo::sleep_until(double time_s) { simgrid::s4u::this_actor::sleep_until(time_s); }

void WorkerIo::compute(ComputeKind kind, int step, int layer, int microbatch, int tokens, double seconds,
                       int padding_tokens)
{
  // The safe point of an interrupt: every actor computes at least once per layer, and stopping
  // here leaves no exec half-recorded. run_guarded stops the other actors.
  if (const int signal = interrupt_signal())
    throw RunInterrupted(signal);
  if (!(seconds > 0))
    return;
  // The cost model speaks seconds, SimGrid flops: the host's speed converts.
  simgrid::s4u::ExecPtr exec = simgrid::s4u::this_actor::exec_init(seconds * host_->get_speed());
  exec->wait();
  ++run_.log.activities;
  run_.log.computes.push_back(
      {worker_, kind, step, layer, microbatch, tokens, exec->get_start_time(), exec->get_finish_time(), padding_tokens});
}

void WorkerIo::send(simgrid::s4u::Mailbox* mailbox, const simgrid::s4u::Host* destination,
                    std::unique_ptr<ActivationMessage> message)
{
  message->sent_s = now();
  if (message->step >= warmup_steps_)
    run_.traffic.add(host_, destination, static_cast<double>(message->bytes));
  ++run_.log.activities;
  const uint64_t bytes = message->bytes;
  mailbox->put_init(message.release(), bytes)->detach(delete_activation);
}

void WorkerIo::record_arrival(const ActivationMessage& message)
{
  run_.log.transfers.push_back({message.source_worker, worker_, message.step, message.layer, message.microbatch,
                                static_cast<double>(message.bytes), message.sent_s, message.arrived_s});
}

void WorkerIo::record_wait(WaitCause cause, int step, int layer, int microbatch, double start_s)
{
  const double end_s = now();
  if (end_s > start_s)
    run_.log.waits.push_back({worker_, cause, step, layer, microbatch, start_s, end_s});
}

void run_guarded(RunState& run, const std::function<void()>& body)
{
  try {
    body();
  } catch (const std::exception&) {  // not catch(...): SimGrid kills actors with a non-std exception
    if (!run.failure)
      run.failure = std::current_exception();
    simgrid::s4u::Actor::kill_all();
  }
}

} // namespace afdsim
