#include "sim/engine/ffn_worker.hpp"

#include "sim/engine/inbox.hpp"
#include "sim/engine/kernel_visit.hpp"
#include "sim/engine/worker_io.hpp"

#include <simgrid/s4u/Comm.hpp>

#include <algorithm>
#include <limits>
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
    gather(step, layer, k);
    if (ended_by(inputs_, step))
      return false;
    int tokens = 0;
    int largest_share = 0;
    for (const auto& input : inputs_) {
      tokens += input->tokens;
      largest_share = std::max(largest_share, input->tokens);
    }
    const int padded = padded_tokens(tokens, largest_share);
    io_.compute(ComputeKind::ffn, step, layer, k, tokens, padded > 0 ? ffn_seconds(padded) : 0.0, padded - tokens);
    replies_.clear();
    for (int i = 0; i < ctx_.attention_workers(); ++i)
      reply(i, std::move(inputs_[static_cast<size_t>(i)]));
    // A stream's next input comes only after its reply, so its receive is posted with the replies,
    // all in one kernel visit.
    in_one_kernel_visit([this, k] {
      for (int i = 0; i < ctx_.attention_workers(); ++i)
        inbox(i, k).start_prepared_receive();
      for (const auto& comm : replies_)
        WorkerIo::start_send(comm);
    });
    return true;
  }

  // Every attention worker ends the run (open loop served, or interrupted) before the same step
  // (StepGate), so the inputs are all end markers or none is.
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

  // Waits for the r inputs of (layer, k): until the first arrives the FFN waits for work; after
  // that it waits on the barrier (the slowest worker). Waiting for each input in worker order ends
  // when the last arrives, as waiting for any in turn would, with fewer SimGrid calls; the first
  // arrival's time comes from the inputs' arrival stamps. The arrivals are recorded in arrival order.
  void gather(int step, int layer, int k)
  {
    const int r = ctx_.attention_workers();
    const double wait_start_s = WorkerIo::now();
    inputs_.resize(static_cast<size_t>(r));
    arrival_order_.clear();
    double first_arrival_s = std::numeric_limits<double>::infinity();
    for (int i = 0; i < r; ++i) {
      Inbox& in = inbox(i, k);
      io_.wait(in.pending());
      auto& input = inputs_[static_cast<size_t>(i)];
      input = take_checked(in, i, step, layer, k);
      if (!input->end_of_run)
        arrival_order_.push_back(i);
      first_arrival_s = std::min(first_arrival_s, input->arrived_s);
    }

    std::stable_sort(arrival_order_.begin(), arrival_order_.end(), [this](int a, int b) {
      return inputs_[static_cast<size_t>(a)]->arrived_s < inputs_[static_cast<size_t>(b)]->arrived_s;
    });
    for (int i : arrival_order_)
      io_.record_arrival(*inputs_[static_cast<size_t>(i)]);
    // End-of-run markers carry no work: the time until they came is idle, not a wait for input.
    if (arrival_order_.empty())
      return;
    const double barrier_start_s = std::max(wait_start_s, first_arrival_s);
    io_.record_wait(WaitCause::first_input, step, layer, k, wait_start_s, barrier_start_s);
    io_.record_wait(WaitCause::barrier, step, layer, k, barrier_start_s);
  }

  std::unique_ptr<ActivationMessage> take_checked(Inbox& in, int i, int step, int layer, int k)
  {
    auto input = in.take_preparing_next();
    if (input->end_of_run && input->step == step && layer == 0 && input->source_worker == i)
      return input;
    if (input->end_of_run || input->step != step || input->layer != layer || input->microbatch != k || input->source_worker != i)
      throw std::logic_error("ffn0 expected input of attn" + std::to_string(i) + " (step " + std::to_string(step) +
                             ", layer " + std::to_string(layer) + ", mb " + std::to_string(k) + "), got attn" +
                             std::to_string(input->source_worker) + " (" + std::to_string(input->step) + ", " +
                             std::to_string(input->layer) + ", " + std::to_string(input->microbatch) + ")");
    return input;
  }

  // The output for a worker travels back in the message its input came in: same step, layer,
  // microbatch and tokens. Prepared here; serve() starts the replies in one kernel visit.
  void reply(int worker, std::unique_ptr<ActivationMessage> message)
  {
    if (ctx_.hooks.ffn_withholds_reply_at_step == message->step && message->layer == 0 && message->microbatch == 0 &&
        worker == 0)
      return;
    message->source_worker = ctx_.ffn_worker();
    message->bytes = activation_bytes(ctx_.scenario.model, ctx_.scenario.deployment.f2a_dtype, message->tokens);
    simgrid::s4u::Mailbox* mailbox = ctx_.to_attention[ctx_.stream(worker, message->microbatch)];
    replies_.push_back(io_.prepare_send(mailbox, ctx_.attention_hosts[static_cast<size_t>(worker)], std::move(message)));
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
  Inputs inputs_;                                         // of the (layer, microbatch) being served
  std::vector<int> arrival_order_;                        // scratch of gather()
  std::vector<simgrid::s4u::CommPtr> replies_;            // prepared by reply(), started by serve()
  std::map<int, double> ffn_s_by_tokens_;
};

} // namespace

void ffn_worker(PipelineContext& ctx)
{
  run_guarded(ctx, [&ctx] { FfnWorker(ctx).run(); });
}

} // namespace afdsim
