#include "sim/engine/colocated_run.hpp"

#include "sim/deploy/deployment.hpp"
#include "sim/engine/actor_run.hpp"
#include "sim/engine/colocated_context.hpp"
#include "sim/engine/colocated_worker.hpp"
#include "sim/engine/simgrid_setup.hpp"
#include "sim/engine/worker_requests.hpp"
#include "sim/specs/tensor_parallel.hpp"
#include "sim/util/errors.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

#include <memory>

namespace afdsim {

namespace {

void require(bool ok, const Scenario& s, const std::string& key, const std::string& reason)
{
  if (!ok)
    throw InputError(s.source_file, key, reason);
}

void require_divides(const Scenario& s, int value, const std::string& key, const std::string& why)
{
  const int k = s.deployment.tensor_parallel;
  require(value % k == 0, s, "deployment.tensor_parallel",
          std::to_string(k) + " does not divide " + key + " (" + std::to_string(value) + "): " + why);
}

// The cost model on one GPU's shapes: the whole model when tensor_parallel is 1.
std::unique_ptr<CostModel> shard_cost_model(const Scenario& scenario, CostProvenanceLog* provenance)
{
  Scenario shard = scenario;
  shard.model = tensor_parallel_shard(scenario.model, scenario.deployment.tensor_parallel);
  return make_cost_model(shard, provenance);
}

void place(ColocatedContext& ctx, const simgrid::s4u::Engine& engine)
{
  const std::vector<std::string> hosts =
      place_colocated(host_names(engine), ctx.scenario.deployment, ctx.scenario.source_file);
  for (size_t g = 0; g < hosts.size(); ++g) {
    ctx.hosts.push_back(engine.host_by_name(hosts[g]));
    ctx.record.log().workers.push_back({"gpu" + std::to_string(g), WorkerRole::colocated, hosts[g]});
  }
}

// The replicas' batches over their request slots (make_worker_requests).
void fill_batches(ColocatedContext& ctx, RequestSource& source, RequestIds& ids)
{
  make_worker_requests(ctx.scenario, ctx.replicas(), source, ids, ctx.slots, ctx.dispatcher);
  ctx.batches.reserve(ctx.slots.size());
  for (RequestSlots& slots : ctx.slots)
    ctx.batches.emplace_back(slots);
}

} // namespace

void check_colocated_scenario(const Scenario& s)
{
  const auto& d = s.deployment;
  const auto& w = s.workload;
  require(d.mode == DeploymentMode::colocated, s, "deployment.mode", "run_colocated needs mode colocated");
  require(d.tensor_parallel >= 1, s, "deployment.tensor_parallel",
          "must be at least 1, got " + std::to_string(d.tensor_parallel));
  require(d.gpus >= 1, s, "deployment.gpus", "must be at least 1, got " + std::to_string(d.gpus));
  require_divides(s, d.gpus, "deployment.gpus", "replicas are whole tensor-parallel groups");
  require_divides(s, s.model.q_heads, "model.q_heads", "every GPU holds whole heads");
  require_divides(s, s.model.kv_heads, "model.kv_heads", "every GPU holds whole KV heads");
  require_divides(s, s.model.intermediate_size, "model.intermediate_size", "every GPU holds an equal FFN slice");
  require(d.microbatches == 1, s, "deployment.microbatches",
          "must be 1 in colocated mode, got " + std::to_string(d.microbatches));
  require(s.model.layers >= 1, s, "model.layers", "must be at least 1, got " + std::to_string(s.model.layers));
  require(w.batch_per_worker >= 1, s, "workload.batch_per_worker",
          "must be at least 1, got " + std::to_string(w.batch_per_worker));
  require(w.steps >= 1, s, "workload.steps", "must be at least 1, got " + std::to_string(w.steps));
  require(w.warmup_steps >= 0 && w.warmup_steps < w.steps, s, "workload.warmup_steps",
          std::to_string(w.warmup_steps) + " must be in [0, workload.steps = " + std::to_string(w.steps) + ")");
  require(w.output_tokens >= 1, s, "workload.output_tokens",
          "must be at least 1, got " + std::to_string(w.output_tokens));
}

SimulationResult run_colocated(const Scenario& scenario, const std::vector<std::string>& simgrid_args,
                               const RecordRetention& retention)
{
  check_colocated_scenario(scenario);
  SimgridEngine simgrid = start_simgrid(scenario, simgrid_args);
  std::shared_ptr<CostProvenanceLog> provenance = new_cost_provenance(scenario);
  const std::unique_ptr<CostModel> cost = shard_cost_model(scenario, provenance.get());
  const std::unique_ptr<RequestSource> source = make_request_source(scenario.workload);
  RequestIds ids;
  ColocatedContext ctx{{}, scenario, *cost, progress_logger(), {}, {}, {}, nullptr};
  prepare_run(ctx, simgrid, std::move(provenance));
  place(ctx, *simgrid.engine);
  fill_batches(ctx, *source, ids);
  ctx.record.begin({scenario.workload.warmup_steps, ctx.steps(), ctx.replicas(), 0, retention});
  for (int g = 0; g < ctx.gpus(); ++g)
    simgrid::s4u::Actor::create("gpu" + std::to_string(g), ctx.hosts[static_cast<size_t>(g)],
                                [&ctx, g] { colocated_worker(ctx, g); });
  const auto deadlock = watch_for_deadlock();

  simgrid.engine->run();
  std::vector<int> rank0_gpus;
  for (int j = 0; j < ctx.replicas(); ++j)
    rank0_gpus.push_back(ctx.gpu_of(j, 0));
  record_admission_state(ctx.slots, ctx.dispatcher.get(), rank0_gpus, ctx.record.log());
  return collect_result(ctx, simgrid, *deadlock);
}

} // namespace afdsim
