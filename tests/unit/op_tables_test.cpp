// Operator tables (profiles, measurements): strict CSV reading with file:line:column messages,
// recognition by header, repeated shapes refused, and a fuzz pass that only ever yields tables
// or InputErrors.
#include "sim/config/csv_table.hpp"
#include "sim/cost/op_tables.hpp"
#include "sim/util/errors.hpp"
#include "test_files.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

using namespace afdsim;
using afdsim::test::read_text_file;

namespace {

const std::string kProfiles = std::string(AFDSIM_SOURCE_DIR) + "/profiles/";

std::string table_error(const std::string& text, const std::string& file = "t.csv")
{
  OperatorTables t;
  try {
    add_table_csv(text, file, t);
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "accepted:\n" << text;
  return "";
}

} // namespace

TEST(CsvTable, SkipsCommentsAndBlankLinesAndKeepsLineNumbers)
{
  const CsvTable t = CsvTable::parse("# a comment\n\na,b\r\n1,2\n# more\n3,4\n", "x.csv");
  EXPECT_EQ(t.header(), (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(t.rows().size(), 2u);
  EXPECT_EQ(t.rows()[1].line, 6u);
  EXPECT_EQ(t.rows()[1].cells[1].text, "4");
  EXPECT_EQ(t.rows()[1].cells[1].column, 3u);
  EXPECT_EQ(t.integer(t.rows()[0], 1, 0, 10), 2);
}

TEST(CsvTable, MalformedLinesNameFileLineColumnAndReason)
{
  auto error = [](const std::string& text) {
    try {
      CsvTable::parse(text, "x.csv");
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(error(""), "x.csv:1:1: empty file; expected a header line naming the columns");
  EXPECT_EQ(error("a,b,a\n"), "x.csv:1:5: column 'a' appears twice in the header");
  EXPECT_EQ(error("a,b\n1,2,3\n"), "x.csv:2:5: expected 2 values (as the header), got 3");
  EXPECT_EQ(error("a,b\n1\n"), "x.csv:2:2: expected 2 values (as the header), got 1");
}

TEST(OperatorTables, EachKindIsRecognisedByItsHeader)
{
  OperatorTables t;
  EXPECT_EQ(add_table_csv("op,weight_dtype,m,n,k,time_us\nqkv,fp8,16,10240,5120,31.8\n", "g.csv", t), "gemm.csv");
  EXPECT_EQ(add_table_csv("batch,context,q_heads,kv_heads,head_dim,kv_dtype,time_us_median\n4,512,64,8,128,bf16,16.7\n",
                          "a.csv", t),
            "decode_attention.csv");
  EXPECT_EQ(add_table_csv("part,weight_dtype,kv_dtype,batch,context,layers,time_ms_median\nffn,fp8,bf16,8,,64,10.8\n"
                          "attn,bf16,fp8,8,2048,64,7.3\n",
                          "s.csv", t),
            "decode_step.csv");
  EXPECT_EQ(add_table_csv("part,weight_dtype,batch,context,kernels_per_layer\nattn,fp8,1,2048,20.0\n", "k.csv", t),
            "kernels_per_layer.csv");
  ASSERT_EQ(t.gemm.size(), 1u);
  EXPECT_EQ(t.gemm[0].op, "qkv");
  EXPECT_EQ(t.gemm[0].n, 10240);
  EXPECT_EQ(t.gemm[0].where, "g.csv:2");
  EXPECT_DOUBLE_EQ(t.attention.at(0).time_us, 16.7);
  EXPECT_EQ(t.steps.at(0).context, 0);
  EXPECT_EQ(t.steps.at(1).kv, Dtype::fp8);
  EXPECT_DOUBLE_EQ(t.kernel_counts.at(0).kernels, 20.0);
  EXPECT_EQ(t.files, (std::vector<std::string>{"g.csv", "a.csv", "s.csv", "k.csv"}));
}

TEST(OperatorTables, BadRowsAreRefusedWithTheirPosition)
{
  const std::string gemm = "op,weight_dtype,m,n,k,time_us_median\n";
  EXPECT_EQ(table_error(gemm + "qkv,fp8,0,10240,5120,30\n"), "t.csv:2:9: m: must be an integer in [1, 100000000], got '0'");
  EXPECT_EQ(table_error(gemm + "qkv,fp16,1,10240,5120,30\n"), "t.csv:2:5: weight_dtype: must be one of: fp8, bf16; got 'fp16'");
  EXPECT_EQ(table_error(gemm + "mlp,fp8,1,10240,5120,30\n"),
            "t.csv:2:1: op: must be one of: qkv, o, gate_up, down, lm_head; got 'mlp'");
  EXPECT_EQ(table_error(gemm + "qkv,fp8,1,10240,5120,nan\n"), "t.csv:2:22: time_us_median: must be a finite number > 0, got 'nan'");
  EXPECT_EQ(table_error(gemm + "qkv,fp8,1,10240,5120,30\nqkv,fp8,1,10240,5120,31\n"),
            "t.csv:3:9: m: repeats the shape measured at t.csv:2");
  EXPECT_EQ(table_error("op,weight_dtype,m,n,k\nqkv,fp8,1,2,3\n"),
            "t.csv:1:1: missing column (one of) time_us_median, time_us; the header has: op, weight_dtype, m, n, k");
  EXPECT_EQ(table_error("part,weight_dtype,kv_dtype,batch,context,layers,time_ms\nffn,fp8,bf16,8,512,64,10\n"),
            "t.csv:2:16: context: must be empty for part ffn (the FFN reads no KV cache), got '512'");
  EXPECT_EQ(table_error("batch,context,q_heads,kv_heads,head_dim,kv_dtype,time_us\n4,512,60,8,128,bf16,16\n"),
            "t.csv:2:7: q_heads: q_heads (60) must be a multiple of kv_heads (8)");
  EXPECT_EQ(table_error("x,y\n1,2\n").rfind("t.csv:1:1: not an operator table: expected the columns of gemm.csv", 0), 0u);
}

TEST(OperatorTables, TimesOutsideOneNanosecondToAThousandSecondsAreRefused)
{
  // Found by reasoning while writing the op_tables fuzz target, whose oracle then caught it: a
  // step time of 1e308 ms overflowed to inf per layer, and the bilinear interpolation between two
  // infs gave NaN, which the simulation took as no time at all (a silently wrong run); a GEMM of
  // 1e-300 us made calibrate's relative error, and its cost, infinite.
  const std::string gemm = "op,weight_dtype,m,n,k,time_us_median\n";
  EXPECT_EQ(table_error(gemm + "qkv,fp8,1,10240,5120,1e308\n"),
            "t.csv:2:22: time_us_median: must be in [0.001, 1e+09], got '1e308'");
  EXPECT_EQ(table_error(gemm + "qkv,fp8,1,10240,5120,1e-300\n"),
            "t.csv:2:22: time_us_median: must be in [0.001, 1e+09], got '1e-300'");
  EXPECT_EQ(table_error("part,weight_dtype,kv_dtype,batch,context,layers,time_ms\nattn,fp8,bf16,1,512,64,1e307\n"),
            "t.csv:2:24: time_ms: must be in [1e-06, 1e+06], got '1e307'");
  EXPECT_EQ(table_error("part,weight_dtype,batch,context,kernels_per_layer\nattn,fp8,1,2048,1e7\n"),
            "t.csv:2:17: kernels_per_layer: must be in [0, 1e+06], got '1e7'");
  OperatorTables edges;  // the bounds themselves are times
  add_table_csv(gemm + "qkv,fp8,1,10240,5120,0.001\nqkv,fp8,2,10240,5120,1e9\n", "g.csv", edges);
  add_table_csv("part,weight_dtype,kv_dtype,batch,context,layers,time_ms\nffn,fp8,bf16,1,,1,1e-6\nffn,fp8,bf16,2,,1,1e6\n",
                "s.csv", edges);
  EXPECT_DOUBLE_EQ(edges.gemm.at(1).time_us, 1e9);
  EXPECT_DOUBLE_EQ(edges.steps.at(1).time_ms, 1e6);
}

TEST(OperatorTables, ProfileFolderReadsTheTablesItHolds)
{
  const OperatorTables h100 = load_operator_tables(kProfiles + "h100-sxm", "where", "key");
  EXPECT_EQ(h100.gemm.size(), 104u);
  EXPECT_EQ(h100.attention.size(), 46u);
  EXPECT_EQ(h100.steps.size(), 38u);
  EXPECT_TRUE(h100.kernel_counts.empty());  // kernels_per_layer.csv is for `afdsim calibrate`
  try {
    load_operator_tables(kProfiles + "no-such", "s.yaml:3:4", "cost_model.tables");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "s.yaml:3:4: cost_model.tables: '" + kProfiles +
                                         "no-such' is not a folder (it should hold gemm.csv, decode_attention.csv "
                                         "and/or decode_step.csv)");
  }
}

// profiles/h100-sxm is a copy of ../shared/calibration/h100-sxm, so that a clone runs the
// profiled scenario alone; it must not drift from the measurements.
TEST(OperatorTables, H100ProfileIsTheSharedMeasurementsByteForByte)
{
  for (const char* name : {"gemm.csv", "decode_attention.csv", "decode_step.csv", "kernels_per_layer.csv"}) {
    const std::string shared = read_text_file(std::string(AFDSIM_SHARED_DIR) + "/calibration/h100-sxm/" + name);
    ASSERT_FALSE(shared.empty()) << name;
    EXPECT_EQ(read_text_file(kProfiles + "h100-sxm/" + name), shared) << name;
  }
}

TEST(OperatorTablesFuzz, MutatedTablesAreTablesOrInputErrors)
{
  const std::vector<std::string> seeds = {read_text_file(kProfiles + "h100-sxm/decode_step.csv"),
                                          read_text_file(kProfiles + "h20-infersim/decode_attention.csv"),
                                          read_text_file(kProfiles + "h20-infersim/gemm.csv")};
  static const std::vector<std::string> tokens = {",", "\n", "\r\n", "#", "-", "nan", "1e999", "0", "fp8", "ffn",
                                                  "\xff", " ", "..", "e", "+", "\"", std::string(1, '\0')};
  std::mt19937_64 rng(8);
  int accepted = 0;
  int refused = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string text = seeds[static_cast<size_t>(i) % seeds.size()];
    for (int edit = 0, edits = 1 + static_cast<int>(rng() % 3); edit < edits; ++edit) {
      const size_t pos = rng() % (text.size() + 1);
      switch (rng() % 3) {
      case 0: text.insert(pos, tokens[rng() % tokens.size()]); break;
      case 1: text.erase(std::min(pos, text.size()), 1 + rng() % 6); break;
      default:
        if (pos < text.size())
          text[pos] = static_cast<char>(rng() % 256);
      }
    }
    OperatorTables t;
    try {
      add_table_csv(text, "fuzz.csv", t);
      accepted++;
    } catch (const InputError&) {
      refused++;
    } catch (const std::exception& e) {
      FAIL() << "internal error '" << e.what() << "' on:\n" << text;
    }
  }
  EXPECT_GT(accepted, 100);
  EXPECT_GT(refused, 100);
}
