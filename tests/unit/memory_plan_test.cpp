// Memory feasibility (sim/memory): per-GPU plans computed by hand for Qwen3-32B (FP8 weights,
// BF16 KV) on H20-3e (141 GB, 4 GB workspace, 10% reserved), the batch boundary, the error and
// `afdsim max-batch`.
//
// Hand computation (docs/memory.md repeats it):
//   attention weights per layer: 5120 x (8192 + 2 x 1024) + 8192 x 5120 = 94,371,840 B (FP8)
//     + norms 2 x (5120 + 2 x 128) = 10,752 B; x 64 layers = 6,040,485,888 B
//   embedding = LM head = 151,936 x 5120 x 2 = 1,555,824,640 B; final norm 10,240 B
//   attention role = 6,040,485,888 + 2 x 1,555,824,640 + 10,240 = 9,152,145,408 B
//   FFN role = 64 x (3 x 5120 x 25600 + 2 x 5120) = 25,166,479,360 B
//   KV per request at 2048 + 512 tokens: 2560 x 2 x 1024 x 2 B x 64 layers = 671,088,640 B
#include "run_afdsim.hpp"
#include "sim/memory/memory_plan.hpp"
#include "sim/specs/gpu_spec.hpp"
#include "sim/specs/model_spec.hpp"
#include "sim/util/errors.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

using namespace afdsim;
using afdsim::test::ProcessResult;
using afdsim::test::run_afdsim;

namespace {

constexpr double kAttentionWeights = 9152145408.0;
constexpr double kFfnWeights = 25166479360.0;
constexpr double kKvPerRequest = 671088640.0;
constexpr double kCapacity = 141e9;
constexpr double kWorkspace = 4e9;
constexpr double kReserved = 14.1e9;

Scenario afd_7a1f(int batch)
{
  Scenario s;
  s.source_file = "memory.yaml";
  s.model = model_preset("qwen3-32b");
  s.hardware = gpu_preset("h20-3e");
  s.deployment.attention_workers = 7;
  s.deployment.ffn_workers = 1;
  s.workload.batch_per_worker = batch;
  s.workload.prompt_tokens = 2048;
  s.workload.output_tokens = 512;
  return s;
}

Scenario colocated(int gpus, int tensor_parallel, int batch)
{
  Scenario s = afd_7a1f(batch);
  s.deployment.mode = DeploymentMode::colocated;
  s.deployment.gpus = gpus;
  s.deployment.tensor_parallel = tensor_parallel;
  return s;
}

bool fits_at(Scenario s, int batch)
{
  s.workload.batch_per_worker = batch;
  return plan_memory(s).fits();
}

std::string error_of(const Scenario& s)
{
  try {
    check_memory_fits(s);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

const std::string kDefault = std::string(AFDSIM_SOURCE_DIR) + "/scenarios/qwen3-32b-h20-3e-afd-7a1f.yaml";

} // namespace

TEST(MemoryPlan, AfdAttentionGpusHoldTheirKvAndTheFfnGpuHoldsEveryFfn)
{
  const MemoryPlan plan = plan_memory(afd_7a1f(32));
  ASSERT_EQ(plan.gpus.size(), 8u);
  for (int i = 0; i < 7; i++) {
    const GpuMemoryPlan& a = plan.gpus[static_cast<size_t>(i)];
    EXPECT_EQ(a.worker, "attn" + std::to_string(i));
    EXPECT_EQ(a.role, "attention");
    EXPECT_DOUBLE_EQ(a.weights_bytes, kAttentionWeights);
    EXPECT_DOUBLE_EQ(a.kv_bytes, 32 * kKvPerRequest);  // 21.47 GB
    EXPECT_DOUBLE_EQ(a.workspace_bytes, kWorkspace);
    EXPECT_DOUBLE_EQ(a.reserved_bytes, kReserved);
    EXPECT_DOUBLE_EQ(a.capacity_bytes, kCapacity);
    EXPECT_NEAR(a.free_bytes(), 92273018112.0, 1e-3);  // 141 - 9.15 - 21.47 - 4 - 14.1 GB
  }
  const GpuMemoryPlan& f = plan.gpus[7];
  EXPECT_EQ(f.worker, "ffn0");
  EXPECT_EQ(f.role, "ffn");
  EXPECT_DOUBLE_EQ(f.weights_bytes, kFfnWeights);
  EXPECT_DOUBLE_EQ(f.kv_bytes, 0);
  EXPECT_NEAR(f.free_bytes(), 97733520640.0, 1e-3);
  EXPECT_TRUE(plan.fits());
}

TEST(MemoryPlan, DataParallelGpusHoldTheWholeModelAndTheirReplicasKv)
{
  const MemoryPlan plan = plan_memory(colocated(8, 1, 32));
  ASSERT_EQ(plan.gpus.size(), 8u);
  EXPECT_EQ(plan.gpus[0].worker, "gpu0");
  EXPECT_EQ(plan.gpus[7].worker, "gpu7");
  for (const auto& g : plan.gpus) {
    EXPECT_EQ(g.role, "colocated");
    EXPECT_DOUBLE_EQ(g.weights_bytes, kAttentionWeights + kFfnWeights);  // 34.32 GB
    EXPECT_DOUBLE_EQ(g.kv_bytes, 32 * kKvPerRequest);
  }
}

TEST(MemoryPlan, TensorParallelGpusHoldAShardOfWeightsAndKv)
{
  // k = 2: every linear layer and the vocabulary halve; the norms (64 x 21,504 B + 10,240 B) stay
  // whole on each GPU: 17,159,312,384 + 676,864 B of weights; half of each request's KV heads.
  const MemoryPlan plan = plan_memory(colocated(8, 2, 32));
  ASSERT_EQ(plan.gpus.size(), 8u);
  for (const auto& g : plan.gpus) {
    EXPECT_DOUBLE_EQ(g.weights_bytes, 17159989248.0);
    EXPECT_DOUBLE_EQ(g.kv_bytes, 32 * kKvPerRequest / 2);
  }
}

TEST(MemoryPlan, MaxBatchIsTheBoundary)
{
  // AFD: (141 - 4 - 14.1 - 9.152145408) GB / 0.67108864 GB = 169.5 requests.
  const Scenario afd = afd_7a1f(32);
  EXPECT_EQ(max_batch_per_worker(afd), 169);
  EXPECT_TRUE(fits_at(afd, 169));
  EXPECT_FALSE(fits_at(afd, 170));
  // DP: (122.9 - 34.318624768) / 0.67108864 = 131.997: 132 misses by 2.3 MB.
  const Scenario dp = colocated(8, 1, 32);
  EXPECT_EQ(max_batch_per_worker(dp), 131);
  EXPECT_TRUE(fits_at(dp, 131));
  EXPECT_FALSE(fits_at(dp, 132));
  // TP 2: (122.9 - 17.159989248) / 0.33554432 = 315.1.
  const Scenario tp2 = colocated(8, 2, 32);
  EXPECT_EQ(max_batch_per_worker(tp2), 315);
  EXPECT_TRUE(fits_at(tp2, 315));
  EXPECT_FALSE(fits_at(tp2, 316));
}

TEST(MemoryPlan, MaxBatchIsZeroWhenTheWeightsAloneDoNotFitAndCappedAtTheKeysBound)
{
  Scenario small_gpu = afd_7a1f(1);
  small_gpu.hardware.memory_gb = 30;  // FFN GPU: 25.17 + 4 + 3 GB > 30 GB at any batch
  EXPECT_EQ(max_batch_per_worker(small_gpu), 0);
  Scenario tiny_context = afd_7a1f(1);
  tiny_context.workload.prompt_tokens = 1;
  tiny_context.workload.output_tokens = 1;  // 0.5 MB per request: 65536 requests take 34 GB
  EXPECT_EQ(max_batch_per_worker(tiny_context), kBatchPerWorkerLimit);
}

TEST(MemoryPlan, CheckPassesJustUnderAndNamesEveryShortGpuJustOver)
{
  EXPECT_NO_THROW(check_memory_fits(afd_7a1f(169)));
  EXPECT_EQ(error_of(afd_7a1f(170)),
            "memory.yaml: workload.batch_per_worker: 170 requests per worker do not fit in GPU memory: attn0..attn6 "
            "(attention) need 141.34 GB each, 0.337 GB more than their 141.00 GB (weights 9.15 + KV 114.09 + "
            "workspace 4.00 + reserved 14.10); the largest batch_per_worker that fits is 169");
  // DP8 at 132 misses by 2.3 MB: the excess keeps 3 significant digits where 2 decimals hide it.
  EXPECT_NE(error_of(colocated(8, 1, 132)).find("gpu0..gpu7 (colocated) need 141.00 GB each, 0.00233 GB more than their "
                                                "141.00 GB (weights 34.32 + KV 88.58 + workspace 4.00 + reserved 14.10)"),
            std::string::npos);
}

TEST(MemoryPlan, CheckSaysSoWhenNoBatchFits)
{
  Scenario s = afd_7a1f(32);
  s.hardware.memory_gb = 30;
  EXPECT_EQ(error_of(s), "memory.yaml: workload.batch_per_worker: 32 requests per worker do not fit in GPU memory: "
                         "attn0..attn6 (attention) need 37.63 GB each, 7.63 GB more than their 30.00 GB (weights 9.15 + "
                         "KV 21.47 + workspace 4.00 + reserved 3.00); ffn0 (ffn) needs 32.17 GB, 2.17 GB more than its "
                         "30.00 GB (weights 25.17 + KV 0.00 + workspace 4.00 + reserved 3.00); no batch_per_worker "
                         "fits, not even 1 (see docs/memory.md)");
}

TEST(MemoryCli, RunRefusesABatchJustOverTheLimitAndRunsJustUnder)
{
  ProcessResult over = run_afdsim("run " + kDefault + " --set workload.batch_per_worker=170 --json");
  EXPECT_EQ(over.exit_code, 2);
  EXPECT_TRUE(over.out.empty());
  EXPECT_NE(over.err.find(kDefault + ": workload.batch_per_worker: 170 requests per worker do not fit in GPU memory: "
                                     "attn0..attn6 (attention) need 141.34 GB each, 0.337 GB more than their 141.00 GB"),
            std::string::npos)
      << over.err;
  EXPECT_NE(over.err.find("the largest batch_per_worker that fits is 169"), std::string::npos) << over.err;

  ProcessResult under = run_afdsim("run " + kDefault +
                                   " --set workload.batch_per_worker=169 --set workload.steps=2 "
                                   "--set workload.warmup_steps=1 --json");
  ASSERT_EQ(under.exit_code, 0) << under.err;
  const nlohmann::json memory = nlohmann::json::parse(under.out).at("memory");
  EXPECT_EQ(memory.at("fits"), true);
  EXPECT_EQ(memory.at("max_batch_per_worker"), 169);
  EXPECT_NEAR(memory.at("gpus").at(0).at("kv_gb").get<double>(), 169 * 0.67108864, 1e-9);
}

TEST(MemoryCli, MaxBatchJsonGivesTheBatchAndThePlanAtIt)
{
  ProcessResult r = run_afdsim("max-batch " + kDefault + " --set workload.output_tokens=2048 --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  // Context 4096: 1.073741824 GB per request; 113.747854592 / 1.073741824 = 105.9.
  EXPECT_EQ(j.at("max_batch_per_worker"), 105);
  EXPECT_EQ(j.at("batch_per_worker"), 105);
  const nlohmann::json& memory = j.at("memory");
  EXPECT_EQ(memory.at("fits"), true);
  ASSERT_EQ(memory.at("gpus").size(), 8u);
  const nlohmann::json& a = memory.at("gpus").at(0);
  EXPECT_EQ(a.at("worker"), "attn0");
  EXPECT_EQ(a.at("role"), "attention");
  EXPECT_NEAR(a.at("weights_gb").get<double>(), 9.152145408, 1e-12);
  EXPECT_NEAR(a.at("kv_gb").get<double>(), 105 * 1.073741824, 1e-9);
  EXPECT_NEAR(a.at("workspace_gb").get<double>(), 4.0, 1e-12);
  EXPECT_NEAR(a.at("reserved_gb").get<double>(), 14.1, 1e-9);
  EXPECT_NEAR(a.at("capacity_gb").get<double>(), 141.0, 1e-12);
  EXPECT_NEAR(a.at("free_gb").get<double>(), 113.747854592 - 105 * 1.073741824, 1e-9);
  EXPECT_EQ(memory.at("gpus").at(7).at("worker"), "ffn0");
  EXPECT_NEAR(memory.at("gpus").at(7).at("kv_gb").get<double>(), 0.0, 0);
}

TEST(MemoryCli, MaxBatchTextAndValidateAgree)
{
  ProcessResult text = run_afdsim("max-batch " + kDefault);
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("the largest batch_per_worker that fits is 169\n"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("Memory per GPU (GB) at batch_per_worker 169:"), std::string::npos) << text.out;
  EXPECT_EQ(run_afdsim("validate " + kDefault + " --set workload.batch_per_worker=169").exit_code, 0);
  EXPECT_EQ(run_afdsim("validate " + kDefault + " --set workload.batch_per_worker=170").exit_code, 2);
}
