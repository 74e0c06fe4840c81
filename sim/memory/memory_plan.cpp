#include "sim/memory/memory_plan.hpp"

#include "sim/specs/tensor_parallel.hpp"
#include "sim/util/errors.hpp"

#include <spdlog/fmt/fmt.h>

#include <algorithm>
#include <cmath>

namespace afdsim {
namespace {

constexpr double kBytesPerGb = 1e9;

// KV of one request at its largest context: every prompt and output token is in the cache.
double kv_bytes_per_request(const Scenario& s, const ModelSpec& model)
{
  const double context_tokens = static_cast<double>(s.workload.prompt_tokens) + s.workload.output_tokens;
  return context_tokens * model.kv_bytes_per_token();
}

GpuMemoryPlan gpu_plan(const GpuSpec& gpu, std::string worker, std::string role)
{
  GpuMemoryPlan g;
  g.worker = std::move(worker);
  g.role = std::move(role);
  g.capacity_bytes = gpu.memory_gb * kBytesPerGb;
  g.workspace_bytes = gpu.workspace_gb * kBytesPerGb;
  g.reserved_bytes = gpu.reserved_memory_fraction * g.capacity_bytes;
  return g;
}

std::string gb(double bytes) { return fmt::format("{:.2f}", bytes / kBytesPerGb); }

// "attn0..attn6 (attention) need 141.34 GB each, 0.337 GB more than their 141.00 GB (weights ...)"
// for a run of GPUs with the same role and the same numbers. The excess has 3 significant digits:
// a batch one request too large may miss by megabytes.
std::string shortfall_text(const std::vector<const GpuMemoryPlan*>& run)
{
  const GpuMemoryPlan& g = *run.front();
  const bool many = run.size() > 1;
  const std::string names = many ? g.worker + ".." + run.back()->worker : g.worker;
  return fmt::format("{} ({}) need{} {} GB{}, {:.3g} GB more than {} {} GB (weights {} + KV {} + workspace {} + "
                     "reserved {})",
                     names, g.role, many ? "" : "s", gb(g.needed_bytes()), many ? " each" : "",
                     -g.free_bytes() / kBytesPerGb, many ? "their" : "its", gb(g.capacity_bytes), gb(g.weights_bytes),
                     gb(g.kv_bytes), gb(g.workspace_bytes), gb(g.reserved_bytes));
}

bool same_shortfall(const GpuMemoryPlan& a, const GpuMemoryPlan& b)
{
  return a.role == b.role && a.weights_bytes == b.weights_bytes && a.kv_bytes == b.kv_bytes &&
         a.workspace_bytes == b.workspace_bytes && a.reserved_bytes == b.reserved_bytes &&
         a.capacity_bytes == b.capacity_bytes;
}

} // namespace

bool MemoryPlan::fits() const
{
  return std::all_of(gpus.begin(), gpus.end(), [](const GpuMemoryPlan& g) { return g.free_bytes() >= 0; });
}

MemoryPlan plan_memory(const Scenario& s)
{
  const ModelSpec& model = s.model;
  const double batch = s.workload.batch_per_worker;
  MemoryPlan plan;
  if (s.deployment.mode == DeploymentMode::colocated) {
    // A TP group of k GPUs serves batch_per_worker requests. Each GPU holds its shard: 1/k of every
    // linear layer, a vocabulary slice of embedding and LM head, the (small) norms whole, and its
    // kv_heads / k heads of every request's KV.
    const ModelSpec shard = tensor_parallel_shard(model, s.deployment.tensor_parallel);
    const double weights_bytes = shard.attention_role_weight_bytes() + shard.ffn_role_weight_bytes();
    const double kv_bytes = batch * kv_bytes_per_request(s, shard);
    for (int i = 0; i < s.deployment.gpus; i++) {
      GpuMemoryPlan g = gpu_plan(s.hardware, "gpu" + std::to_string(i), "colocated");
      g.weights_bytes = weights_bytes;
      g.kv_bytes = kv_bytes;
      plan.gpus.push_back(g);
    }
    return plan;
  }
  // AFD: attention GPUs hold the attention side, embedding, LM head and their requests' KV; the
  // FFN GPUs hold every FFN, split evenly when several form one group, and no KV.
  for (int i = 0; i < s.deployment.attention_workers; i++) {
    GpuMemoryPlan g = gpu_plan(s.hardware, "attn" + std::to_string(i), "attention");
    g.weights_bytes = model.attention_role_weight_bytes();
    g.kv_bytes = batch * kv_bytes_per_request(s, model);
    plan.gpus.push_back(g);
  }
  for (int i = 0; i < s.deployment.ffn_workers; i++) {
    GpuMemoryPlan g = gpu_plan(s.ffn_gpu(), "ffn" + std::to_string(i), "ffn");
    g.weights_bytes = model.ffn_role_weight_bytes() / s.deployment.ffn_workers;
    plan.gpus.push_back(g);
  }
  return plan;
}

int max_batch_per_worker(const Scenario& s)
{
  // Memory grows with the batch on every GPU, so the feasible batches are 1..B: bisect for B.
  Scenario probe = s;
  auto fits_at = [&probe](int batch) {
    probe.workload.batch_per_worker = batch;
    return plan_memory(probe).fits();
  };
  if (!fits_at(1))
    return 0;
  if (fits_at(kBatchPerWorkerLimit))
    return kBatchPerWorkerLimit;
  int fits = 1;                         // invariant: fits_at(fits) and !fits_at(too_big)
  int too_big = kBatchPerWorkerLimit;
  while (too_big - fits > 1) {
    const int mid = fits + (too_big - fits) / 2;
    if (fits_at(mid))
      fits = mid;
    else
      too_big = mid;
  }
  return fits;
}

double kv_capacity_tokens(const Scenario& s)
{
  const bool colocated = s.deployment.mode == DeploymentMode::colocated;
  const ModelSpec model = colocated ? tensor_parallel_shard(s.model, s.deployment.tensor_parallel) : s.model;
  GpuMemoryPlan g = gpu_plan(s.hardware, "", "");  // attention GPUs (and colocated ones) are `hardware`
  g.weights_bytes = colocated ? model.attention_role_weight_bytes() + model.ffn_role_weight_bytes()
                              : model.attention_role_weight_bytes();
  return std::max(0.0, std::floor(g.free_bytes() / model.kv_bytes_per_token()));
}

void check_memory_fits(const Scenario& scenario)
{
  Scenario one_request = scenario;
  if (scenario.workload.arrival != ArrivalProcess::closed)
    one_request.workload.batch_per_worker = 1;
  const Scenario& s = one_request;
  const MemoryPlan plan = plan_memory(s);
  if (plan.fits())
    return;
  std::vector<std::vector<const GpuMemoryPlan*>> runs;
  for (const auto& g : plan.gpus) {
    if (g.free_bytes() >= 0)
      continue;
    if (!runs.empty() && same_shortfall(*runs.back().back(), g))
      runs.back().push_back(&g);
    else
      runs.push_back({&g});
  }
  std::string reason = fmt::format("{} requests per worker do not fit in GPU memory: ", s.workload.batch_per_worker);
  for (size_t i = 0; i < runs.size(); i++)
    reason += (i > 0 ? "; " : "") + shortfall_text(runs[i]);
  const int largest = max_batch_per_worker(s);
  reason += largest > 0 ? fmt::format("; the largest batch_per_worker that fits is {}", largest)
                        : std::string("; no batch_per_worker fits, not even 1 (see docs/memory.md)");
  throw InputError(s.source_file, "workload.batch_per_worker", reason);
}

} // namespace afdsim
