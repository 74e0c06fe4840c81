// `afdsim import-vidur`: Vidur's mlp.csv / attention.csv profiles -> afdsim's gemm.csv /
// decode_attention.csv (sim/cost/vidur_import.hpp), checked by the same reader the profiled cost
// model uses before anything is written.
#include "sim/cli/commands.hpp"
#include "sim/cli/preset_flags.hpp"

#include "sim/config/csv_table.hpp"
#include "sim/cost/op_tables.hpp"
#include "sim/cost/vidur_import.hpp"
#include "sim/specs/model_spec.hpp"
#include "sim/trace/atomic_file.hpp"
#include "sim/util/errors.hpp"

#include <cstdio>
#include <filesystem>
#include <memory>

namespace afdsim::cli {

int import_vidur_command(const ImportVidurArgs& args)
{
  if (args.mlp_file.empty() && args.attention_file.empty())
    throw InputError("--mlp", "", "give --mlp FILE, --attention FILE or both");
  ModelSpec model = preset_for_flag("--model", model_preset, args.model);
  VidurImportOptions options;
  options.tensor_parallel = args.tensor_parallel;
  options.weights = parse_flag_dtype("--weights", args.weights);
  options.kv = parse_flag_dtype("--kv", args.kv);
  model.weights = options.weights;
  model.kv_cache = options.kv;
  const std::string mlp = args.mlp_file.empty() ? "" : read_table_file(args.mlp_file, "--mlp", "");
  const std::string attention =
      args.attention_file.empty() ? "" : read_table_file(args.attention_file, "--attention", "");
  const VidurTables tables = import_vidur(model, options, mlp, args.mlp_file, attention, args.attention_file);

  const std::filesystem::path dir(args.out_dir);
  struct Output {
    std::string name;
    const std::string& text;
  };
  std::vector<Output> outputs;
  if (!tables.gemm_csv.empty())
    outputs.push_back({"gemm.csv", tables.gemm_csv});
  if (!tables.attention_csv.empty())
    outputs.push_back({"decode_attention.csv", tables.attention_csv});
  OperatorTables check;  // what a profiled scenario will read, read first
  for (const auto& o : outputs)
    add_table_csv(o.text, (dir / o.name).string(), check);

  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec)
    throw InputError("--out", "", "cannot create folder '" + args.out_dir + "': " + ec.message());
  // Both written before either replaces its target.
  std::vector<std::unique_ptr<AtomicFile>> files;
  for (const auto& o : outputs) {
    files.push_back(std::make_unique<AtomicFile>((dir / o.name).string(), "--out"));
    files.back()->out() << o.text;
  }
  for (auto& f : files)
    f->commit();
  std::printf("wrote %zu GEMM rows and %zu decode-attention rows of %s (tensor parallel %d) to %s\n", tables.gemm_rows,
              tables.attention_rows, args.model.c_str(), args.tensor_parallel, args.out_dir.c_str());
  return kExitOk;
}

} // namespace afdsim::cli
