#include "sim/engine/colocated_worker.hpp"

#include "sim/engine/allreduce.hpp"
#include "sim/engine/worker_io.hpp"

#include <simgrid/s4u/Comm.hpp>  // destroys the all-reduce's posted receives

#include <algorithm>
#include <map>
#include <memory>
#include <vector>

namespace afdsim {

namespace {

class ColocatedWorker {
public:
  ColocatedWorker(ColocatedContext& ctx, int gpu)
      : ctx_(ctx), gpu_(gpu), rank_(ctx.rank_of(gpu)),
        io_(ctx, ctx.scenario, gpu, ctx.hosts[static_cast<size_t>(gpu)]),
        batch_(ctx.batches[static_cast<size_t>(ctx.replica_of(gpu))])
  {
  }

  void run()
  {
    std::vector<int> group;
    std::vector<simgrid::s4u::Host*> group_hosts;
    for (int rank = 0; rank < ctx_.tensor_parallel(); ++rank) {
      group.push_back(ctx_.gpu_of(ctx_.replica_of(gpu_), rank));
      group_hosts.push_back(ctx_.hosts[static_cast<size_t>(group.back())]);
    }
    const int64_t all_reduces = int64_t{ctx_.steps()} * ctx_.layers() * 2;
    allreduce_ = std::make_unique<GroupAllReduce>(io_, ctx_.scenario.deployment.allreduce, group, group_hosts, rank_,
                                                  all_reduces);
    for (int step = 0; step < ctx_.steps(); ++step) {
      const StepBatch* batch = begin_step(step);
      if (batch == nullptr)
        return;
      run_step(step, *batch);
    }
  }

private:
  // The batch of the step. Open loop: a replica with nothing to decode idles until the next
  // arrival and asks again (replicas share no barrier, so there is no empty step to run); nullptr
  // once nothing will arrive, or when an interrupt stops every replica before this step (StepGate).
  const StepBatch* begin_step(int step)
  {
    int attempt = 0;
    for (;;) {
      if (!ctx_.gate.may_start(step))
        return nullptr;
      const StepBatch& batch = batch_.batch(step, attempt, WorkerIo::now(), ctx_.dispatcher.get());
      if (batch.end_of_run)
        return nullptr;
      if (batch.idle_until_s < 0) {
        ctx_.gate.started(step);
        return &batch;
      }
      attempt = batch.attempt + 1;
      WorkerIo::sleep_until(batch.idle_until_s);
    }
  }

  void run_step(int step, const StepBatch& batch)
  {
    const double start_s = WorkerIo::now();
    if (rank_ == 0)
      ctx_.record.step_started(step, start_s);
    // Read once here: only rank 0 keeps using the batch, until the step's end (release).
    const int requests = batch.requests;
    const double context_tokens = batch.context_tokens;
    const double attention_s = ctx_.cost.attention_layer_s(requests, context_tokens);
    const double ffn_s = ctx_.cost.ffn_layer_s(requests);
    // The residual stream of every request, BF16, summed over the group after each half-layer.
    const uint64_t hidden_bytes = activation_bytes(ctx_.scenario.model, Dtype::bf16, requests);
    for (int layer = 0; layer < ctx_.layers(); ++layer) {
      io_.compute(ComputeKind::attention, step, layer, 0, requests, attention_s);
      allreduce_->run(step, layer, LayerAllReduce::after_attention, requests, hidden_bytes);
      io_.compute(ComputeKind::ffn, step, layer, 0, requests, ffn_s);
      allreduce_->run(step, layer, LayerAllReduce::after_ffn, requests, hidden_bytes);
    }
    io_.compute(ComputeKind::lm_head, step, -1, -1, requests, ctx_.cost.lm_head_s(requests));
    if (rank_ == 0)
      finish_step(step, start_s, batch);
  }

  // The step's tokens exist once sampling is done: one per request, recorded once per replica
  // (by its rank 0), so a group's k GPUs do not count them k times.
  void finish_step(int step, double start_s, const StepBatch& batch)
  {
    const double end_s = WorkerIo::now();
    ctx_.record.step({gpu_, step, batch.requests, batch.context_tokens, start_s, end_s});
    for (const int64_t id : batch.request_ids)
      ctx_.record.token({id, gpu_, step, end_s});
    record_requests(batch, end_s);
    // Every rank has started this step: its all-reduces needed all of them.
    batch_.release(step);
    log_progress(step);
  }

  // As in AFD: a request starts when it was admitted (the initial ones are left out).
  void record_requests(const StepBatch& batch, double end_s)
  {
    for (const Request& r : batch.admitted)
      ctx_.record.admission({r.id, gpu_, r.arrival_s, r.joined_s});
    for (const Request& r : batch.finishing)
      if (r.joined_s >= 0)
        ctx_.record.request({r.id, gpu_, r.prompt_tokens, r.output_tokens, r.joined_s, end_s, r.arrival_s});
  }

  void log_progress(int step)
  {
    if (gpu_ != 0)
      return;
    const int every = std::max(1, ctx_.steps() / 10);
    if ((step + 1) % every == 0 || step + 1 == ctx_.steps())
      ctx_.progress_log->info("step {}/{} done at simulated {:.6f} s", step + 1, ctx_.steps(), WorkerIo::now());
  }

  ColocatedContext& ctx_;
  int gpu_;
  int rank_;
  WorkerIo io_;
  ColocatedBatch& batch_;
  std::unique_ptr<GroupAllReduce> allreduce_;
};

} // namespace

void colocated_worker(ColocatedContext& ctx, int gpu)
{
  run_guarded(ctx, [&ctx, gpu] { ColocatedWorker(ctx, gpu).run(); });
}

} // namespace afdsim
