#pragma once
// Files the tests read: the data folder and whole-file reads.
#include <fstream>
#include <sstream>
#include <string>

namespace afdsim::test {

inline const std::string kTestDataDir = AFDSIM_SOURCE_DIR "/tests/data";

inline std::string read_text_file(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace afdsim::test
