#include "sim/engine/afd_pipeline.hpp"

#include "sim/deploy/deployment.hpp"
#include "sim/engine/actor_run.hpp"
#include "sim/engine/attention_worker.hpp"
#include "sim/engine/ffn_worker.hpp"
#include "sim/engine/simgrid_setup.hpp"
#include "sim/engine/worker_requests.hpp"
#include "sim/util/errors.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/Mailbox.hpp>

#include <memory>
#include <numeric>

namespace afdsim {

namespace {

void require(bool ok, const Scenario& s, const std::string& key, const std::string& reason)
{
  if (!ok)
    throw InputError(s.source_file, key, reason);
}

void place_and_connect(PipelineContext& ctx, const simgrid::s4u::Engine& engine)
{
  const Placement placement =
      place_workers(host_names(engine), ctx.scenario.deployment, ctx.scenario.source_file);
  for (const auto& name : placement.attention_hosts)
    ctx.attention_hosts.push_back(engine.host_by_name(name));
  ctx.ffn_host = engine.host_by_name(placement.ffn_hosts.front());
  for (int i = 0; i < ctx.attention_workers(); ++i) {
    ctx.record.log().workers.push_back({"attn" + std::to_string(i), WorkerRole::attention, placement.attention_hosts[static_cast<size_t>(i)]});
    for (int k = 0; k < ctx.microbatches(); ++k) {
      const std::string stream = "attn" + std::to_string(i) + "/mb" + std::to_string(k);
      ctx.to_ffn.push_back(simgrid::s4u::Mailbox::by_name("ffn0<-" + stream));
      ctx.to_attention.push_back(simgrid::s4u::Mailbox::by_name(stream + "<-ffn0"));
    }
  }
  ctx.record.log().workers.push_back({"ffn0", WorkerRole::ffn, placement.ffn_hosts.front()});
}

void start_actors(PipelineContext& ctx)
{
  for (int i = 0; i < ctx.attention_workers(); ++i)
    simgrid::s4u::Actor::create("attn" + std::to_string(i), ctx.attention_hosts[static_cast<size_t>(i)],
                                [&ctx, i] { attention_worker(ctx, i); });
  simgrid::s4u::Actor::create("ffn0", ctx.ffn_host, [&ctx] { ffn_worker(ctx); });
}

} // namespace

void check_afd_scenario(const Scenario& s)
{
  const auto& d = s.deployment;
  const auto& w = s.workload;
  require(d.ffn_workers == 1, s, "deployment.ffn_workers",
          "afd mode simulates exactly one FFN GPU, got " + std::to_string(d.ffn_workers));
  require(d.microbatches >= 1, s, "deployment.microbatches", "must be at least 1, got " + std::to_string(d.microbatches));
  require(w.batch_per_worker >= d.microbatches, s, "workload.batch_per_worker",
          std::to_string(w.batch_per_worker) + " requests cannot fill deployment.microbatches = " +
              std::to_string(d.microbatches) + " microbatches");
  require(d.attention_slowdown.empty() || static_cast<int>(d.attention_slowdown.size()) == d.attention_workers, s,
          "deployment.attention_slowdown",
          "has " + std::to_string(d.attention_slowdown.size()) + " factors for " + std::to_string(d.attention_workers) +
              " attention workers");
  for (double f : d.attention_slowdown)
    require(f > 0, s, "deployment.attention_slowdown", "factors must be positive, got " + std::to_string(f));
  require(s.model.layers >= 1, s, "model.layers", "must be at least 1, got " + std::to_string(s.model.layers));
  require(w.steps >= 1, s, "workload.steps", "must be at least 1, got " + std::to_string(w.steps));
  require(w.warmup_steps >= 0 && w.warmup_steps < w.steps, s, "workload.warmup_steps",
          std::to_string(w.warmup_steps) + " must be in [0, workload.steps = " + std::to_string(w.steps) + ")");
  require(w.output_tokens >= 1, s, "workload.output_tokens", "must be at least 1, got " + std::to_string(w.output_tokens));
  require(w.prompt_tokens >= 0, s, "workload.prompt_tokens", "must be at least 0, got " + std::to_string(w.prompt_tokens));
}

SimulationResult run_afd_pipeline(const Scenario& scenario, const std::vector<std::string>& simgrid_args,
                                  const PipelineHooks& hooks, const RecordRetention& retention)
{
  check_afd_scenario(scenario);
  SimgridEngine simgrid = start_simgrid(scenario, simgrid_args);
  std::shared_ptr<CostProvenanceLog> provenance = new_cost_provenance(scenario);
  const std::unique_ptr<CostModel> cost = make_cost_model(scenario, provenance.get());
  const std::unique_ptr<RequestSource> source = make_request_source(scenario.workload);
  RequestIds ids;
  PipelineContext ctx{{}, scenario, *cost, hooks, progress_logger(), {}, nullptr, {}, {}, {}, nullptr};
  prepare_run(ctx, simgrid, std::move(provenance));
  place_and_connect(ctx, *simgrid.engine);
  make_worker_requests(scenario, ctx.attention_workers(), *source, ids, ctx.slots, ctx.dispatcher);
  ctx.record.begin({scenario.workload.warmup_steps, ctx.steps(), ctx.attention_workers(),
                    int64_t{ctx.layers()} * ctx.microbatches(), retention});
  start_actors(ctx);
  const auto deadlock = watch_for_deadlock();

  simgrid.engine->run();
  std::vector<int> workers(ctx.slots.size());
  std::iota(workers.begin(), workers.end(), 0);
  record_admission_state(ctx.slots, ctx.dispatcher.get(), workers, ctx.record.log());
  return collect_result(ctx, simgrid, *deadlock);
}

} // namespace afdsim
