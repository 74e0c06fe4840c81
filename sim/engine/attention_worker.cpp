#include "sim/engine/attention_worker.hpp"

#include "sim/engine/inbox.hpp"
#include "sim/engine/worker_io.hpp"

#include <simgrid/s4u/Comm.hpp>

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
    for (int step = 0; step < ctx_.steps(); ++step)
      run_step(step);
  }

private:
  static double slowdown_of(const PipelineContext& ctx, int worker)
  {
    const auto& factors = ctx.scenario.deployment.attention_slowdown;
    return factors.empty() ? 1.0 : factors.at(static_cast<size_t>(worker));
  }

  void run_step(int step)
  {
    if (ctx_.hooks.attention_throws_at_step == step && worker_ == 0)
      throw std::runtime_error("test hook: attn0 fails at step " + std::to_string(step));
    const double start_s = WorkerIo::now();
    const std::vector<MicrobatchLoad> loads = slots_.microbatch_loads(ctx_.microbatches());
    std::vector<double> attention_s;  // per microbatch: the same for every layer of this step
    for (const auto& load : loads)
      attention_s.push_back(ctx_.cost.attention_layer_s(load.requests, load.context_tokens) * slowdown_);

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
    io_.compute(ComputeKind::lm_head, step, -1, -1, requests, ctx_.cost.lm_head_s(requests) * slowdown_);
    finish_step(step, start_s, requests);
  }

  void send_to_ffn(int step, int layer, int k, int tokens)
  {
    auto message = std::make_unique<ActivationMessage>();
    message->step = step;
    message->layer = layer;
    message->microbatch = k;
    message->source_worker = worker_;
    message->tokens = tokens;
    message->bytes = activation_bytes(ctx_.scenario.model, ctx_.scenario.deployment.a2f_dtype, tokens);
    io_.send(ctx_.to_ffn[ctx_.stream(worker_, k)], ctx_.ffn_host, std::move(message));
  }

  void await_ffn_result(int step, int layer, int k)
  {
    Inbox& inbox = *from_ffn_[static_cast<size_t>(k)];
    const double start_s = WorkerIo::now();
    inbox.pending()->wait();
    io_.record_wait(WaitCause::ffn_result, step, layer, k, start_s);
    const auto result = inbox.take();
    if (result->step != step || result->layer != layer || result->microbatch != k)
      throw std::logic_error("attn" + std::to_string(worker_) + " expected FFN result (step " + std::to_string(step) +
                             ", layer " + std::to_string(layer) + ", mb " + std::to_string(k) + "), got (" +
                             std::to_string(result->step) + ", " + std::to_string(result->layer) + ", " +
                             std::to_string(result->microbatch) + ")");
    io_.record_arrival(*result);
  }

  // The step's tokens exist once sampling is done: one per active request.
  void finish_step(int step, double start_s, int requests)
  {
    const double end_s = WorkerIo::now();
    ctx_.log.steps.push_back({worker_, step, requests, slots_.context_tokens(), start_s, end_s});
    for (const auto& request : slots_.requests())
      ctx_.log.tokens.push_back({request.id, worker_, step, end_s});
    finished_.clear();
    slots_.advance(end_s, finished_);
    for (const auto& r : finished_)
      if (r.joined_s >= 0)  // the initial requests started before the run: no full life to report
        ctx_.log.requests.push_back({r.id, worker_, r.prompt_tokens, r.output_tokens, r.joined_s, end_s});
  }

  PipelineContext& ctx_;
  int worker_;
  WorkerIo io_;
  RequestSlots& slots_;
  double slowdown_;
  std::vector<std::unique_ptr<Inbox>> from_ffn_;  // index = microbatch
  std::vector<Request> finished_;                  // scratch of finish_step
};

} // namespace

void attention_worker(PipelineContext& ctx, int worker)
{
  run_guarded(ctx, [&ctx, worker] { AttentionWorker(ctx, worker).run(); });
}

} // namespace afdsim
