// The bad-sweep catalogue: every file in tests/bad_sweeps/ must be refused with an InputError
// naming the file and containing each fragment of its "# expect: ..." header lines (as the
// scenario catalogue, tests/bad_scenarios/); and `afdsim sweep` must exit 2 with that message.
// Plus mutated spec text: a spec or an InputError, never anything else.
#include "run_afdsim.hpp"
#include "test_files.hpp"
#include "sim/sweep/sweep_spec.hpp"
#include "sim/util/errors.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>

using namespace afdsim;

namespace {

const std::string kCatalogueDir = AFDSIM_SOURCE_DIR "/tests/bad_sweeps";

std::vector<std::string> catalogue_files()
{
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(kCatalogueDir))
    if (entry.path().extension() == ".yaml")
      names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> expected_fragments(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  std::vector<std::string> fragments;
  const std::string prefix = "# expect: ";
  for (std::string line; std::getline(in, line) && line.rfind(prefix, 0) == 0;)
    fragments.push_back(line.substr(prefix.size()));
  return fragments;
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info)
{
  std::string name = std::filesystem::path(info.param).stem().string();
  std::replace_if(name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
  return name;
}

} // namespace

TEST(BadSweeps, CatalogueIsLargeAndEveryFileStatesItsExpectation)
{
  const std::vector<std::string> files = catalogue_files();
  EXPECT_GE(files.size(), 40u);
  for (const auto& file : files)
    EXPECT_FALSE(expected_fragments(kCatalogueDir + "/" + file).empty()) << file << " has no '# expect: ' line";
}

class BadSweep : public ::testing::TestWithParam<std::string> {};

TEST_P(BadSweep, IsRefusedWithItsMessage)
{
  const std::string path = kCatalogueDir + "/" + GetParam();
  const std::vector<std::string> fragments = expected_fragments(path);
  ASSERT_FALSE(fragments.empty());
  try {
    load_sweep_spec(path);
    FAIL() << GetParam() << " loaded without error";
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.rfind(path, 0), 0u) << "message does not start with the file: " << message;
    for (const auto& fragment : fragments)
      EXPECT_NE(message.find(fragment), std::string::npos) << "missing '" << fragment << "' in: " << message;
  }
}

INSTANTIATE_TEST_SUITE_P(Catalogue, BadSweep, ::testing::ValuesIn(catalogue_files()), test_name);

TEST(SweepCommand, BadSpecsExitTwoWithTheMessageOnStderr)
{
  for (const std::string name : {"03-unknown-top-key.yaml", "09-unknown-scenario-key.yaml", "20-zip-lengths-differ.yaml",
                                 "29-filter-unknown-key.yaml"}) {
    const std::string path = kCatalogueDir + "/" + name;
    const test::ProcessResult run = test::run_afdsim("sweep '" + path + "' --out /nonexistent/never-written");
    EXPECT_EQ(run.exit_code, kExitInput) << name;
    EXPECT_EQ(run.out, "") << name;
    EXPECT_EQ(run.err.rfind("afdsim: error: " + path + ":", 0), 0u) << run.err;
    for (const auto& fragment : expected_fragments(path))
      EXPECT_NE(run.err.find(fragment), std::string::npos) << "missing '" << fragment << "' in: " << run.err;
  }
}

// Inserts YAML punctuation, deletes, overwrites with any byte, or duplicates a slice (as the
// scenario fuzz test does).
TEST(SweepSpecFuzz, MutatedTextIsASpecOrAnInputError)
{
  const std::string seed = test::read_text_file(AFDSIM_SOURCE_DIR "/tests/data/sweeps/tiny.yaml");
  ASSERT_FALSE(seed.empty());
  static const std::vector<std::string> tokens = {"[", "]", "{", "}", ": ", "- ", "\n", "\t", "  ", "&a ", "*a",
                                                  "\"", "'", "#", ",", "? ", "|", ".nan", "1e999", "-", "~", "\xff",
                                                  "zip:", "range: {from: 1, to: 3}", "values: []", "times: 2"};
  std::mt19937_64 rng(20250101);
  int loaded = 0;
  int refused = 0;
  for (int i = 0; i < 400; i++) {
    std::string text = seed;
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits; e++) {
      const size_t pos = rng() % (text.size() + 1);
      switch (rng() % 4) {
      case 0: text.insert(pos, tokens[rng() % tokens.size()]); break;
      case 1: text.erase(std::min(pos, text.size()), 1 + rng() % 8); break;
      case 2:
        if (pos < text.size())
          text[pos] = static_cast<char>(rng() % 256);
        break;
      default: text.insert(pos, text.substr(rng() % text.size(), rng() % 40)); break;
      }
    }
    try {
      load_sweep_spec_text(text, "fuzz.yaml", AFDSIM_SOURCE_DIR "/tests/data/sweeps");
      loaded++;
    } catch (const InputError&) {
      refused++;
    }
  }
  EXPECT_GT(loaded, 10);
  EXPECT_GT(refused, 100);
}
