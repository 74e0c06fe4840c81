// `afdsim import-vidur`: Vidur's mlp.csv / attention.csv turned into afdsim's operator tables,
// shapes selected and converted, what a profiled cost model then gives back exactly.
#include "run_afdsim.hpp"
#include "sim/config/csv_table.hpp"
#include "sim/cost/profiled_cost_model.hpp"
#include "sim/cost/vidur_import.hpp"
#include "test_files.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

using namespace afdsim;
using afdsim::test::kTestDataDir;
using afdsim::test::read_text_file;
using afdsim::test::run_afdsim;

namespace {

const std::string kMlp = kTestDataDir + "/vidur/mlp.csv";
const std::string kAttention = kTestDataDir + "/vidur/attention.csv";

ModelSpec qwen32_bf16()
{
  ModelSpec m = model_preset("qwen3-32b");
  m.weights = Dtype::bf16;
  m.kv_cache = Dtype::bf16;
  return m;
}

// The attention table has no tensor-parallel rows: with tp > 1 only mlp.csv is imported.
VidurTables import(const ModelSpec& m, int tp)
{
  VidurImportOptions o;
  o.tensor_parallel = tp;
  return import_vidur(m, o, read_text_file(kMlp), kMlp, tp == 1 ? read_text_file(kAttention) : "",
                      tp == 1 ? kAttention : "");
}

} // namespace

TEST(VidurImport, SelectsTheModelsRowsAndConvertsMillisecondsToTidyRows)
{
  const VidurTables t = import(qwen32_bf16(), 1);
  // 4 token counts x 4 GEMMs, less the missing attn_post_proj median at 128 tokens.
  EXPECT_EQ(t.gemm_rows, 15u);
  EXPECT_EQ(t.attention_rows, 4u);  // the prefill row and the other model's row left out
  EXPECT_NE(t.gemm_csv.find("\nop,weight_dtype,m,n,k,time_us_median\nqkv,bf16,1,10240,5120,50.37\n"
                            "o,bf16,1,5120,8192,43.78\ngate_up,bf16,1,51200,5120,197.89\ndown,bf16,1,5120,25600,107.1\n"),
            std::string::npos)
      << t.gemm_csv;
  EXPECT_NE(t.gemm_csv.find("\nqkv,bf16,128,10240,5120,51.39\ngate_up,bf16,128,"), std::string::npos) << t.gemm_csv;
  EXPECT_NE(t.attention_csv.find("\n16,2048,64,8,128,bf16,66.02\n"), std::string::npos) << t.attention_csv;

  const VidurTables tp2 = import(qwen32_bf16(), 2);
  EXPECT_EQ(tp2.gemm_rows, 8u);
  EXPECT_NE(tp2.gemm_csv.find("\nqkv,bf16,1,5120,5120,26.2\no,bf16,1,5120,4096,22.9\ngate_up,bf16,1,25600,5120,100.3\n"
                              "down,bf16,1,5120,12800,55.1\n"),
            std::string::npos)
      << tp2.gemm_csv;
}

TEST(VidurImport, ImportedTablesFeedTheProfiledCostModelExactly)
{
  const VidurTables v = import(qwen32_bf16(), 1);
  OperatorTables tables;
  add_table_csv(v.gemm_csv, "gemm.csv", tables);
  add_table_csv(v.attention_csv, "decode_attention.csv", tables);
  const ProfiledCostModel cost(qwen32_bf16(), gpu_preset("h100-sxm"), tables, ProfiledOptions{});
  const PartCost ffn = cost.ffn_layer(16);
  EXPECT_EQ(ffn.ops[0].source, OpSource::measured);
  EXPECT_NEAR(ffn.ops[0].time_s, 199.65e-6, 1e-15);
  const PartCost attention = cost.attention_layer(16, 16 * 2048.0);
  EXPECT_EQ(attention.ops[1].name, "decode_attention");
  EXPECT_NEAR(attention.ops[1].time_s, 66.02e-6, 1e-15);
}

TEST(VidurImport, AProfileWithoutTheModelsShapesSaysWhatItHolds)
{
  try {
    import(model_preset("qwen3-8b"), 1);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              kMlp + ":1:1: no row of the model's shapes (n_head=32 n_kv_head=8 n_embd=4096 tp=1 n_expanded_embd=12288); "
                     "the profile holds: n_head=64 n_kv_head=8 n_embd=5120 tp=1 n_expanded_embd=25600; "
                     "n_head=64 n_kv_head=8 n_embd=5120 tp=2 n_expanded_embd=25600; "
                     "n_head=64 n_kv_head=8 n_embd=8192 tp=1 n_expanded_embd=28672");
  }
  VidurImportOptions o;
  try {
    import_vidur(qwen32_bf16(), o, ",n_head\n0,64\n", "m.csv", "", "");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("m.csv:1:1: missing column 'n_kv_head'", 0), 0u) << e.what();
  }
}

TEST(ImportVidurCommand, WritesTablesAProfiledScenarioReadsAndRefusesBadInputWithExitTwo)
{
  const std::string dir = "/tmp/afdsim-vidur-" + std::to_string(::getpid());
  const auto r = run_afdsim("import-vidur --mlp '" + kMlp + "' --attention '" + kAttention +
                            "' --model qwen3-32b --out " + dir);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "wrote 15 GEMM rows and 4 decode-attention rows of qwen3-32b (tensor parallel 1) to " + dir + "\n");
  const OperatorTables t = load_operator_tables(dir, "", "");
  EXPECT_EQ(t.gemm.size(), 15u);
  EXPECT_EQ(t.attention.size(), 4u);

  const auto bad = run_afdsim("import-vidur --mlp '" + kMlp + "' --model qwen3-32b --tensor-parallel 3 --out " + dir + "-bad");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err, "afdsim: error: --tensor-parallel: 3 does not split the model's heads and FFN evenly\n");
  EXPECT_FALSE(std::filesystem::exists(dir + "-bad"));
  // No tensor-parallel-2 decode rows in attention.csv: nothing written.
  const auto tp2 = run_afdsim("import-vidur --mlp '" + kMlp + "' --attention '" + kAttention +
                              "' --model qwen3-32b --tensor-parallel 2 --out " + dir + "-tp2");
  EXPECT_EQ(tp2.exit_code, 2);
  EXPECT_EQ(tp2.err, "afdsim: error: " + kAttention + ":1:1: no row of the model's shapes (n_head=64 n_kv_head=8 "
                     "n_embd=5120 tp=2); the profile holds: n_head=32 n_kv_head=4 n_embd=2048 tp=1; n_head=64 "
                     "n_kv_head=8 n_embd=5120 tp=1\n");
  EXPECT_FALSE(std::filesystem::exists(dir + "-tp2"));
  std::filesystem::remove_all(dir);
}
