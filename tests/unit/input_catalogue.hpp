#pragma once
// Shared by the tests of bad-input catalogues (tests/bad_scenarios, tests/bad_sweeps) and of
// mutated input text: the catalogue's files, their "# expect: " lines, and one text mutator.
#include "run_afdsim.hpp"
#include "sim/util/errors.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace afdsim::test {

// The .yaml files of `dir`, sorted by name.
inline std::vector<std::string> catalogue_files(const std::string& dir)
{
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.path().extension() == ".yaml")
      names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// The fragments of the leading "# expect: <fragment>" lines.
inline std::vector<std::string> expected_fragments(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  std::vector<std::string> fragments;
  const std::string prefix = "# expect: ";
  for (std::string line; std::getline(in, line) && line.rfind(prefix, 0) == 0;)
    fragments.push_back(line.substr(prefix.size()));
  return fragments;
}

// The catalogue in `dir` has at least `at_least` files, and each states what it expects.
inline void expect_catalogue_states_its_expectations(const std::string& dir, size_t at_least)
{
  const std::vector<std::string> files = catalogue_files(dir);
  EXPECT_GE(files.size(), at_least);
  for (const auto& file : files)
    EXPECT_FALSE(expected_fragments(dir + "/" + file).empty()) << file << " has no '# expect: ' line";
}

// `load(path)` on catalogue file `path` throws an InputError whose message starts with the path
// and holds each of the file's expected fragments.
template <class Load>
void expect_load_refuses(const std::string& path, Load load)
{
  const std::vector<std::string> fragments = expected_fragments(path);
  ASSERT_FALSE(fragments.empty());
  try {
    load(path);
    FAIL() << path << " loaded without error";
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.rfind(path, 0), 0u) << "message does not start with the file: " << message;
    for (const auto& fragment : fragments)
      EXPECT_NE(message.find(fragment), std::string::npos) << "missing '" << fragment << "' in: " << message;
  }
}

// A gtest parameter name from a catalogue file name.
inline std::string catalogue_test_name(const ::testing::TestParamInfo<std::string>& info)
{
  std::string name = std::filesystem::path(info.param).stem().string();
  std::replace_if(name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
  return name;
}

// `afdsim <command>` on catalogue file `path` exits 2 with nothing on stdout and, on stderr,
// "afdsim: error: <path>:..." holding each of the file's expected fragments.
inline void expect_binary_refuses(const std::string& command, const std::string& path)
{
  const ProcessResult run = run_afdsim(command);
  EXPECT_EQ(run.exit_code, kExitInput) << path;
  EXPECT_EQ(run.out, "") << path;
  EXPECT_EQ(run.err.rfind("afdsim: error: " + path + ":", 0), 0u) << run.err;
  for (const auto& fragment : expected_fragments(path))
    EXPECT_NE(run.err.find(fragment), std::string::npos) << "missing '" << fragment << "' in: " << run.err;
}

// 1 to `max_edits` edits: insert one of `tokens`, delete up to 8 bytes, overwrite a byte with any
// value, or duplicate a slice of the text.
inline std::string mutate_text(std::string text, std::mt19937_64& rng, const std::vector<std::string>& tokens,
                               int max_edits)
{
  const int edits = 1 + static_cast<int>(rng() % static_cast<uint64_t>(max_edits));
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
  return text;
}

} // namespace afdsim::test
