#include "sim/engine/ffn_worker.hpp"

#include "sim/engine/inbox.hpp"
#include "sim/engine/worker_io.hpp"

#include <simgrid/s4u/Comm.hpp>

#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace afdsim {

namespace {

using Inputs = std::vector<std::unique_ptr<ActivationMessage>>;  // index = attention worker

class FfnWorker {
public:
  explicit FfnWorker(PipelineContext& ctx) : ctx_(ctx), io_(ctx, ctx.ffn_worker(), ctx.ffn_host) {}

  void run()
  {
    const int64_t per_stream = int64_t{ctx_.steps()} * ctx_.layers();
    for (int i = 0; i < ctx_.attention_workers(); ++i)
      for (int k = 0; k < ctx_.microbatches(); ++k)
        from_attention_.push_back(std::make_unique<Inbox>(ctx_.to_ffn[ctx_.stream(i, k)], per_stream));
    for (int step = 0; step < ctx_.steps(); ++step) {
      for (int layer = 0; layer < ctx_.layers(); ++layer)
        for (int k = 0; k < ctx_.microbatches(); ++k)
          if (!serve(step, layer, k))
            return;
      log_progress(step);
    }
  }

private:
  // False when the attention workers ended the run (open loop) instead of sending this step.
  bool serve(int step, int layer, int k)
  {
    const Inputs inputs = gather(step, layer, k);
    if (ended_by(inputs, step))
      return false;
    int tokens = 0;
    int largest_share = 0;
    for (const auto& input : inputs) {
      tokens += input->tokens;
      largest_share = std::max(largest_share, input->tokens);
    }
    const int padded = padded_tokens(tokens, largest_share);
    io_.compute(ComputeKind::ffn, step, layer, k, tokens, padded > 0 ? ffn_seconds(padded) : 0.0, padded - tokens);
    for (int i = 0; i < ctx_.attention_workers(); ++i)
      reply(step, layer, k, i, inputs[static_cast<size_t>(i)]->tokens);
    return true;
  }

  // Every attention worker decides the end of an open-loop run before the same step
  // (PipelineContext::stop_before_step), so the inputs are all end markers or none is.
  bool ended_by(const Inputs& inputs, int step) const
  {
    const auto ended = std::count_if(inputs.begin(), inputs.end(), [](const auto& in) { return in->end_of_run; });
    if (ended > 0 && ended < static_cast<std::ptrdiff_t>(inputs.size()))
      throw std::logic_error("ffn0: " + std::to_string(ended) + " of " + std::to_string(inputs.size()) +
                             " attention workers ended the run before step " + std::to_string(step));
    return ended > 0;
  }

  // The rows the FFN GEMMs compute for `tokens` inputs (deployment.padding).
  int padded_tokens(int tokens, int largest_share) const
  {
    if (tokens == 0)
      return 0;
    const DeploymentConfig& d = ctx_.scenario.deployment;
    switch (d.padding) {
    case PaddingPolicy::none: return tokens;
    case PaddingPolicy::max_across_workers: return largest_share * ctx_.attention_workers();
    case PaddingPolicy::cuda_graph: {
      const auto it = std::lower_bound(d.cuda_graph_sizes.begin(), d.cuda_graph_sizes.end(), tokens);
      return it == d.cuda_graph_sizes.end() ? tokens : *it;  // above the largest graph: run eagerly, unpadded
    }
    }
    return tokens;
  }

  // Waits for the r inputs of (layer, k), in arrival order: until the first arrives the FFN waits
  // for work; after that it waits on the barrier (the slowest worker).
  Inputs gather(int step, int layer, int k)
  {
    const int r = ctx_.attention_workers();
    Inputs inputs(static_cast<size_t>(r));
    std::vector<simgrid::s4u::CommPtr> pending;
    std::vector<int> senders;
    for (int i = 0; i < r; ++i) {
      pending.push_back(inbox(i, k).pending());
      senders.push_back(i);
    }
    double wait_start_s = WorkerIo::now();
    WaitCause cause = WaitCause::first_input;
    while (!pending.empty()) {
      const auto index = static_cast<size_t>(simgrid::s4u::Comm::wait_any(pending));
      const int i = senders[index];
      pending.erase(pending.begin() + static_cast<std::ptrdiff_t>(index));
      senders.erase(senders.begin() + static_cast<std::ptrdiff_t>(index));
      if (cause == WaitCause::first_input) {
        io_.record_wait(cause, step, layer, k, wait_start_s);
        cause = WaitCause::barrier;
        wait_start_s = WorkerIo::now();
      }
      inputs[static_cast<size_t>(i)] = take_checked(i, step, layer, k);
    }
    io_.record_wait(WaitCause::barrier, step, layer, k, wait_start_s);
    return inputs;
  }

  std::unique_ptr<ActivationMessage> take_checked(int i, int step, int layer, int k)
  {
    auto input = inbox(i, k).take();
    if (input->end_of_run && input->step == step && layer == 0 && input->source_worker == i)
      return input;
    if (input->end_of_run || input->step != step || input->layer != layer || input->microbatch != k || input->source_worker != i)
      throw std::logic_error("ffn0 expected input of attn" + std::to_string(i) + " (step " + std::to_string(step) +
                             ", layer " + std::to_string(layer) + ", mb " + std::to_string(k) + "), got attn" +
                             std::to_string(input->source_worker) + " (" + std::to_string(input->step) + ", " +
                             std::to_string(input->layer) + ", " + std::to_string(input->microbatch) + ")");
    io_.record_arrival(*input);
    return input;
  }

  void reply(int step, int layer, int k, int worker, int tokens)
  {
    if (ctx_.hooks.ffn_withholds_reply_at_step == step && layer == 0 && k == 0 && worker == 0)
      return;
    auto message = std::make_unique<ActivationMessage>();
    message->step = step;
    message->layer = layer;
    message->microbatch = k;
    message->source_worker = ctx_.ffn_worker();
    message->tokens = tokens;
    message->bytes = activation_bytes(ctx_.scenario.model, ctx_.scenario.deployment.f2a_dtype, tokens);
    io_.send(ctx_.to_attention[ctx_.stream(worker, k)], ctx_.attention_hosts[static_cast<size_t>(worker)],
             std::move(message));
  }

  // The FFN time depends only on the token count, which repeats across layers and steps.
  double ffn_seconds(int tokens)
  {
    auto it = ffn_s_by_tokens_.find(tokens);
    if (it == ffn_s_by_tokens_.end())
      it = ffn_s_by_tokens_.emplace(tokens, ctx_.cost.ffn_layer_s(tokens)).first;
    return it->second;
  }

  void log_progress(int step)
  {
    const int every = std::max(1, ctx_.steps() / 10);
    if ((step + 1) % every == 0 || step + 1 == ctx_.steps())
      ctx_.progress_log->info("step {}/{} done at simulated {:.6f} s", step + 1, ctx_.steps(), WorkerIo::now());
  }

  Inbox& inbox(int worker, int k) { return *from_attention_[ctx_.stream(worker, k)]; }

  PipelineContext& ctx_;
  WorkerIo io_;
  std::vector<std::unique_ptr<Inbox>> from_attention_;  // index = stream(worker, microbatch)
  std::map<int, double> ffn_s_by_tokens_;
};

} // namespace

void ffn_worker(PipelineContext& ctx)
{
  run_guarded(ctx, [&ctx] { FfnWorker(ctx).run(); });
}

} // namespace afdsim
