// Writes the seed corpus of every fuzzer into tests/fuzz/corpus/<target>/
// (small valid files and near misses). The committed corpus was made with it:
//   build-scripts/fuzz.sh --make-corpus
// Inputs that ever found a bug are added to the corpus by hand and kept.
#include <zlib.h>

#include <cstdio>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "../cpp/hostile_files.h"
#include "../cpp/test_util.h"
#include "nn/idx.h"
#include "nn/trainer.h"
#include "nn/notebook.h"
#include "nn/npz.h"
#include "nn/weights_io.h"

namespace {

std::string root;

void put(const std::string& target, const std::string& name, const std::vector<uint8_t>& bytes) {
  const std::string path = root + "/" + target + "/" + name;
  std::ofstream f(path, std::ios::binary);
  f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (!f) std::perror(path.c_str());
}

std::vector<uint8_t> gzip(const std::vector<uint8_t>& plain) {
  z_stream zs{};
  deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
  std::vector<uint8_t> out(deflateBound(&zs, plain.size()));
  zs.next_in = const_cast<Bytef*>(plain.data());
  zs.avail_in = static_cast<uInt>(plain.size());
  zs.next_out = out.data();
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::vector<uint8_t> cat(std::vector<uint8_t> a, const std::vector<uint8_t>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

std::vector<uint8_t> le32(uint32_t v) { return {uint8_t(v), uint8_t(v >> 8), uint8_t(v >> 16), uint8_t(v >> 24)}; }

}  // namespace

int main(int argc, char** argv) {
  root = argc > 1 ? argv[1] : "tests/fuzz/corpus";
  const nn::Dataset d = testutil::toy_digits(3, 7);
  const auto images = nn::encode_idx_images(d), labels = nn::encode_idx_labels(d);
  auto truncated = images;
  truncated.resize(100);
  const std::vector<uint8_t> huge_header = {0, 0, 8, 3, 0, 0x98, 0x96, 0x80, 0, 0, 4, 0, 0, 0, 4, 0};

  put("idx_images", "three-digits", images);
  put("idx_images", "truncated", truncated);
  put("idx_images", "huge-header", huge_header);
  put("idx_labels", "three-labels", labels);
  put("idx_labels", "label-10", {0, 0, 8, 1, 0, 0, 0, 2, 3, 10});
  put("idx_pair", "three", cat(le32(static_cast<uint32_t>(images.size())), cat(images, labels)));
  put("idx_pair", "swapped", cat(le32(static_cast<uint32_t>(labels.size())), cat(labels, images)));
  put("gzip", "three-digits.gz", gzip(images));
  put("gzip", "labels.gz", gzip(labels));
  std::vector<uint8_t> bomb = {0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 28, 0, 0, 0, 28};
  bomb.resize(1 << 20, 0);
  put("gzip", "bomb-1MiB.gz", gzip(bomb));

  put("weights", "small-relu", hostile::small_model(16, 4, 3, 0.25f));
  put("weights", "value-3e38", hostile::small_model(16, 4, 3, 0.25f, 2, 3e38f));
  put("weights", "wrap-2^20x4096", hostile::spec_only(1u << 20, {{4096, "relu", {}}}));
  put("weights", "maxout-prelu-spec", hostile::spec_only(784, {{8, "maxout", {{"k", 3}}}, {4, "prelu", {}}}));
  {
    nn::TrainerConfig c;
    c.model.inputs = 12;
    c.model.hidden = {{3, "prelu", {}}, {2, "maxout", {{"k", 2}}}};
    nn::Trainer t(c);
    put("weights", "prelu-maxout", t.save_weights());
  }

  {
    nn::TrainerConfig c;
    c.model.inputs = 4;
    c.model.outputs = 2;
    c.model.hidden = {{3, "prelu", {}}};
    nn::Trainer t(c);
    put("npz", "prelu-4-3-2", nn::write_npz(nn::weights_to_npz(c, 1, t.model())));
    nn::NpyArray a;
    a.name = "arr_0";
    a.shape = {2, 3};
    a.values = {1, 2, 3, 4, 5, 6};
    put("npz", "one-array", nn::write_npz({a}));
  }

  for (const char* f : {"x * sigmoid(x)", "max(0.1*x, x)", "where(x > 0, x, 0.5*(exp(x) - 1))", "x^3 - sin(x)/2"}) {
    const std::string text = f;
    put("formula", std::to_string(text.size()) + "-" + std::to_string(static_cast<unsigned char>(text[0])) + "-" +
                       std::to_string(std::hash<std::string>{}(text) % 1000),
        std::vector<uint8_t>(text.begin(), text.end()));
  }

  // fuzz_spec reads its input through FuzzedDataProvider: any bytes are a seed.
  put("spec", "zeros", std::vector<uint8_t>(64, 0));
  put("spec", "ones", std::vector<uint8_t>(64, 1));
  std::vector<uint8_t> ramp(256);
  for (size_t i = 0; i < ramp.size(); ++i) ramp[i] = static_cast<uint8_t>(i * 37);
  put("spec", "ramp", ramp);
  return 0;
}
