#include "sim/engine/attention_worker.hpp"

#include "sim/engine/inbox.hpp"
#include "sim/engine/kernel_visit.hpp"
#include "sim/engine/worker_io.hpp"
#include "sim/util/interrupt.hpp"

#include <simgrid/s4u/Comm.hpp>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <stdexcept>
#include <string>
#include <vector>

namespace afdsim {

namespace {

class AttentionWorker {
public:
  AttentionWorker(PipelineContext& ctx, int worker)
      : ctx_(ctx), worker_(worker), io_(ctx, worker, ctx.attention_hosts[static_cast<size_t>(worker)]),
        slots_(ctx.slots[static_cast<size_t>(worker)]), slowdown_(slowdown_of(ctx, worker))
  {
  }

  void run()
  {
    // One stream of FFN results per microbatch, each carrying steps x layers messages.
    const int64_t per_stream = int64_t{ctx_.steps()} * ctx_.layers();
    for (int k = 0; k < ctx_.microbatches(); ++k)
      from_ffn_.push_back(std::make_unique<Inbox>(ctx_.to_attention[ctx_.stream(worker_, k)], per_stream));
    spare_.resize(static_cast<size_t>(ctx_.microbatches()));
    for (int step = 0; step < ctx_.steps(); ++step) {
      if (!begin_step(step)) {
        send_end_of_run(step);
        return;
      }
      run_step(step);
    }
  }

private:
  static double slowdown_of(const PipelineContext& ctx, int worker)
  {
    const auto& factors = ctx.scenario.deployment.attention_slowdown;
    return factors.empty() ? 1.0 : factors.at(static_cast<size_t>(worker));
  }

  // Admits what fits before the step. Open loop: a worker with nothing to decode still runs the
  // step (empty, so the FFN barrier of the others completes) while any worker has work; when no
  // worker has, it idles until the next arrival, or ends the run when none will come. False: the
  // run ends before this step (StepGate: the same step for every worker).
  bool begin_step(int step)
  {
    for (;;) {
      if (!ctx_.gate.may_start(step))
        return false;
      const double now_s = WorkerIo::now();
      if (ctx_.open_loop())
        ctx_.dispatcher->dispatch_until(now_s);
      admit(now_s);
      if (!ctx_.open_loop() || !slots_.requests().empty() || ctx_.dispatcher->busy() ||
          ctx_.gate.started_by_another(step))
        break;
      const double next_s = ctx_.dispatcher->next_arrival_s();
      if (std::isinf(next_s)) {
        ctx_.gate.stop_before(step);
        return false;
      }
      WorkerIo::sleep_until(next_s);
    }
    ctx_.gate.started(step);
    return true;
  }

  void admit(double now_s)
  {
    admitted_.clear();
    slots_.admit(now_s, admitted_);
    record_admissions();
  }

  void record_admissions()
  {
    for (const Request& r : admitted_)
      ctx_.record.admission({r.id, worker_, r.arrival_s, r.joined_s});
  }

  void run_step(int step)
  {
    if (ctx_.hooks.attention_throws_at_step == step && worker_ == 0)
      throw std::runtime_error("test hook: attn0 fails at step " + std::to_string(step));
    if (ctx_.hooks.attention_interrupts_at_step == step && worker_ == 0)
      request_interrupt(SIGTERM);
    const double start_s = WorkerIo::now();
    ctx_.record.step_started(step, start_s);
    const std::vector<MicrobatchLoad> loads = slots_.microbatch_loads(ctx_.microbatches());
    std::vector<double> attention_s;  // per microbatch: the same for every layer of this step
    for (const auto& load : loads)
      attention_s.push_back(
          load.requests > 0 ? ctx_.cost.attention_layer_s(load.requests, load.context_tokens) * slowdown_ : 0.0);

    for (int layer = 0; layer < ctx_.layers(); ++layer)
      for (int k = 0; k < ctx_.microbatches(); ++k) {
        if (layer > 0)
          await_ffn_result(step, layer - 1, k);
        const int tokens = loads[static_cast<size_t>(k)].requests;
        io_.compute(ComputeKind::attention, step, layer, k, tokens, attention_s[static_cast<size_t>(k)]);
        send_to_ffn(step, layer, k, tokens);
      }
    for (int k = 0; k < ctx_.microbatches(); ++k)
      await_ffn_result(step, ctx_.layers() - 1, k);

    const int requests = static_cast<int>(slots_.requests().size());
    if (requests > 0)
      io_.compute(ComputeKind::lm_head, step, -1, -1, requests, ctx_.cost.lm_head_s(requests) * slowdown_);
    finish_step(step, start_s, requests);
  }

  void send_to_ffn(int step, int layer, int k, int tokens)
  {
    // The stream's last FFN result carries the next input: no allocation per message.
    std::unique_ptr<ActivationMessage> message = std::move(spare_[static_cast<size_t>(k)]);
    if (!message)
      message = std::make_unique<ActivationMessage>();
    *message = ActivationMessage{};
    message->step = step;
    message->layer = layer;
    message->microbatch = k;
    message->source_worker = worker_;
    message->tokens = tokens;
    message->bytes = activation_bytes(ctx_.scenario.model, ctx_.scenario.deployment.a2f_dtype, tokens);
    const simgrid::s4u::CommPtr comm = io_.prepare_send(ctx_.to_ffn[ctx_.stream(worker_, k)], ctx_.ffn_host, std::move(message));
    // The FFN answers this input before it sends anything else on the stream, so the stream's next
    // receive is posted with it, in one kernel visit.
    Inbox& from_ffn = *from_ffn_[static_cast<size_t>(k)];
    in_one_kernel_visit([&from_ffn, &comm] {
      from_ffn.start_prepared_receive();
      WorkerIo::start_send(comm);
    });
  }

  // Open loop, the run is over: tells the FFN, in place of the step's first inputs.
  void send_end_of_run(int step)
  {
    for (int k = 0; k < ctx_.microbatches(); ++k) {
      auto message = std::make_unique<ActivationMessage>();
      message->step = step;
      message->microbatch = k;
      message->source_worker = worker_;
      message->end_of_run = true;
      io_.send(ctx_.to_ffn[ctx_.stream(worker_, k)], ctx_.ffn_host, std::move(message));
    }
  }

  void await_ffn_result(int step, int layer, int k)
  {
    Inbox& inbox = *from_ffn_[static_cast<size_t>(k)];
    const double start_s = WorkerIo::now();
    io_.wait(inbox.pending());
    io_.record_wait(WaitCause::ffn_result, step, layer, k, start_s);
    auto result = inbox.take_preparing_next();
    if (result->step != step || result->layer != layer || result->microbatch != k)
      throw std::logic_error("attn" + std::to_string(worker_) + " expected FFN result (step " + std::to_string(step) +
                             ", layer " + std::to_string(layer) + ", mb " + std::to_string(k) + "), got (" +
                             std::to_string(result->step) + ", " + std::to_string(result->layer) + ", " +
                             std::to_string(result->microbatch) + ")");
    io_.record_arrival(*result);
    spare_[static_cast<size_t>(k)] = std::move(result);
  }

  // The step's tokens exist once sampling is done: one per active request.
  void finish_step(int step, double start_s, int requests)
  {
    const double end_s = WorkerIo::now();
    ctx_.record.step({worker_, step, requests, slots_.context_tokens(), start_s, end_s});
    for (const auto& request : slots_.requests())
      ctx_.record.token({request.id, worker_, step, end_s});
    finished_.clear();
    admitted_.clear();
    slots_.advance(end_s, finished_, admitted_);
    record_admissions();
    for (const auto& r : finished_)
      if (r.joined_s >= 0)  // the initial requests started before the run: no full life to report
        ctx_.record.request({r.id, worker_, r.prompt_tokens, r.output_tokens, r.joined_s, end_s, r.arrival_s});
  }

  PipelineContext& ctx_;
  int worker_;
  WorkerIo io_;
  RequestSlots& slots_;
  double slowdown_;
  std::vector<std::unique_ptr<Inbox>> from_ffn_;  // index = microbatch
  std::vector<std::unique_ptr<ActivationMessage>> spare_;  // index = microbatch: its last result
  std::vector<Request> finished_;                  // scratch of finish_step
  std::vector<Request> admitted_;                  // scratch of admit and finish_step
};

} // namespace

void attention_worker(PipelineContext& ctx, int worker)
{
  run_guarded(ctx, [&ctx, worker] { AttentionWorker(ctx, worker).run(); });
}

} // namespace afdsim
