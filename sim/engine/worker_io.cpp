#include "sim/engine/worker_io.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Exec.hpp>
#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/Mailbox.hpp>

namespace afdsim {

WorkerIo::WorkerIo(RunState& run, const Scenario& scenario, int worker, simgrid::s4u::Host* host)
    : run_(run), warmup_steps_(scenario.workload.warmup_steps), compute_(run.compute_activity), worker_(worker),
      host_(host)
{
}

double WorkerIo::now() { return simgrid::s4u::Engine::get_clock(); }

void WorkerIo::sleep_until(double time_s) { simgrid::s4u::this_actor::sleep_until(time_s); }

void WorkerIo::compute(ComputeKind kind, int step, int layer, int microbatch, int tokens, double seconds,
                       int padding_tokens)
{
  if (!(seconds > 0))
    return;
  // The cost model speaks seconds, SimGrid flops: the host's speed converts.
  const double flops = seconds * host_->get_speed();
  // The exec's duration to the last bit: its flops over the host's speed (one op at a time per GPU).
  const double exec_s = flops / host_->get_speed();
  double start_s = now();
  double end_s = 0;
  if (compute_ == ComputeActivity::sleep && exec_s >= run_.shortest_sleep_s) {
    // Under cpu/optim:TI (SimgridEngine::compute) a sleep is an action of the exec's model, queued
    // the same way, so ties with other events resolve as the exec's would.
    simgrid::s4u::this_actor::sleep_for(exec_s);
    end_s = now();
  } else {
    // exec_init() and start() would visit the SimGrid kernel three times (flops, host, start).
    simgrid::s4u::ExecPtr exec = simgrid::s4u::Exec::init();
    in_one_kernel_visit([&exec, flops, this] {
      exec->set_flops_amount(flops);
      exec->set_host(host_);
      exec->start();
    });
    waiter_.wait(exec);
    start_s = exec->get_start_time();
    end_s = exec->get_finish_time();
  }
  ++run_.record.log().activities;
  run_.record.compute({worker_, kind, step, layer, microbatch, tokens, start_s, end_s, padding_tokens});
}

void WorkerIo::send(simgrid::s4u::Mailbox* mailbox, const simgrid::s4u::Host* destination,
                    std::unique_ptr<ActivationMessage> message)
{
  start_send(prepare_send(mailbox, destination, std::move(message)));
}

simgrid::s4u::CommPtr WorkerIo::prepare_send(simgrid::s4u::Mailbox* mailbox, const simgrid::s4u::Host* destination,
                                             std::unique_ptr<ActivationMessage> message)
{
  message->sent_s = now();
  if (message->step >= warmup_steps_)
    run_.traffic.add(route_to(destination), static_cast<double>(message->bytes));
  ++run_.record.log().activities;
  const uint64_t bytes = message->bytes;
  return mailbox->put_init(message.release(), bytes);
}

void WorkerIo::start_send(const simgrid::s4u::CommPtr& comm) { comm->detach(delete_activation); }

size_t WorkerIo::route_to(const simgrid::s4u::Host* destination)
{
  for (const auto& [host, route] : routes_)
    if (host == destination)
      return route;
  routes_.emplace_back(destination, run_.traffic.route_number(host_, destination));
  return routes_.back().second;
}

void WorkerIo::record_arrival(const ActivationMessage& message)
{
  run_.record.transfer({message.source_worker, worker_, message.step, message.layer, message.microbatch,
                        static_cast<double>(message.bytes), message.sent_s, message.arrived_s});
}

void WorkerIo::record_wait(WaitCause cause, int step, int layer, int microbatch, double start_s, double end_s)
{
  if (end_s > start_s)
    run_.record.wait({worker_, cause, step, layer, microbatch, start_s, end_s});
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
