#include "core/output/video.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/imgutils.h>
#include <libavutil/log.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
}

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <numeric>
#include <optional>

#include "core/common/error.hpp"
#include "core/common/output_file.hpp"
#include "core/report/table.hpp"

namespace pa::output {

namespace {

struct FormatCloser {
    void operator()(AVFormatContext* f) const {
        if (f->pb) avio_closep(&f->pb);
        avformat_free_context(f);
    }
};
struct CodecCloser {
    void operator()(AVCodecContext* c) const { avcodec_free_context(&c); }
};
struct FrameCloser {
    void operator()(AVFrame* f) const { av_frame_free(&f); }
};
struct PacketCloser {
    void operator()(AVPacket* p) const { av_packet_free(&p); }
};
struct SwsCloser {
    void operator()(SwsContext* s) const { sws_freeContext(s); }
};

std::string av_message(int err) {
    char buf[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(err, buf, sizeof buf);
    return buf;
}

// A 15-bit colour key (5 bits a channel): the GIF palette is chosen over these.
inline uint16_t key15(const unsigned char* p) {
    return static_cast<uint16_t>(((p[0] >> 3) << 10) | ((p[1] >> 3) << 5) | (p[2] >> 3));
}

}  // namespace

const char* video_formats() {
    return "mp4 gif";
}

struct VideoWriter::Impl {
    OutputFile file;
    int width, height;
    int enc_w = 0, enc_h = 0;
    bool gif = false;
    int frames = 0;
    AVRational time_base{1, 1};
    std::unique_ptr<AVFormatContext, FormatCloser> fmt;
    std::unique_ptr<AVCodecContext, CodecCloser> codec;
    std::unique_ptr<AVFrame, FrameCloser> frame;
    std::unique_ptr<AVPacket, PacketCloser> packet;
    std::unique_ptr<SwsContext, SwsCloser> sws;
    AVStream* stream = nullptr;
    // GIF: every frame kept as 15-bit colours until finish() has seen them all and picks the palette.
    std::vector<std::vector<uint16_t>> gif_frames;
    std::array<uint64_t, 32768> histogram{};

    Impl(const std::string& path, int w, int h, const std::vector<std::string>& protected_paths)
        : file(path, protected_paths), width(w), height(h) {}

    void fail(const std::string& what, int err) const {
        throw InputError("Could not write the video " + file.target() + ": " + what + " (" + av_message(err) +
                         ").");
    }

    void write_packets() {
        for (;;) {
            int r = avcodec_receive_packet(codec.get(), packet.get());
            if (r == AVERROR(EAGAIN) || r == AVERROR_EOF) return;
            if (r < 0) fail("the encoder failed", r);
            av_packet_rescale_ts(packet.get(), codec->time_base, stream->time_base);
            packet->stream_index = stream->index;
            r = av_interleaved_write_frame(fmt.get(), packet.get());
            if (r < 0) fail("a frame could not be written (is the disk full?)", r);
        }
    }
    void encode(AVFrame* f) {
        const int r = avcodec_send_frame(codec.get(), f);
        if (r < 0) fail("the encoder refused a frame", r);
        write_packets();
    }
};

VideoWriter::VideoWriter(const std::string& path, int width, int height, double fps,
                         const std::vector<std::string>& protected_paths) {
    const std::string ext = report::extension_of(path);
    if (ext != "mp4" && ext != "gif")
        throw InputError("The video " + path + " must end in .mp4 or .gif (the formats ParkAtlas writes: " +
                         video_formats() + ").");
    if (!(fps >= 0.1 && fps <= 60.0))
        throw InputError("The frame rate must be between 0.1 and 60 frames per second.");
    if (width < 16 || height < 16 || width > 8192 || height > 8192)
        throw InputError("A video frame must be between 16x16 and 8192x8192 pixels.");
    av_log_set_level(AV_LOG_ERROR);  // the encoder's statistics are not the user's business
    impl_ = std::make_unique<Impl>(path, width, height, protected_paths);
    Impl& m = *impl_;
    m.gif = ext == "gif";
    m.enc_w = m.gif ? width : width & ~1;
    m.enc_h = m.gif ? height : height & ~1;
    const AVRational rate = av_d2q(fps, 1000);
    m.time_base = av_inv_q(rate);

    AVFormatContext* raw_fmt = nullptr;
    int r = avformat_alloc_output_context2(&raw_fmt, nullptr, m.gif ? "gif" : "mp4", m.file.path().c_str());
    if (r < 0 || !raw_fmt) m.fail("no " + ext + " muxer", r);
    m.fmt.reset(raw_fmt);

    const AVCodec* enc = nullptr;
    if (m.gif) {
        enc = avcodec_find_encoder(AV_CODEC_ID_GIF);
    } else {
        enc = avcodec_find_encoder_by_name("libx264");
        if (!enc) enc = avcodec_find_encoder(AV_CODEC_ID_MPEG4);
    }
    if (!enc)
        throw InputError("FFmpeg's libraries on this machine have no " +
                         std::string(m.gif ? "GIF" : "H.264") +
                         " encoder; install Debian's libavcodec59 (apt-get install libavcodec-extra).");
    m.codec.reset(avcodec_alloc_context3(enc));
    if (!m.codec) throw InputError("Out of memory opening the video encoder.");
    AVCodecContext* c = m.codec.get();
    c->width = m.enc_w;
    c->height = m.enc_h;
    c->time_base = m.time_base;
    c->framerate = rate;
    c->pix_fmt = m.gif ? AV_PIX_FMT_PAL8 : AV_PIX_FMT_YUV420P;
    if (!m.gif) {
        c->gop_size = 12;
        c->max_b_frames = 2;
        if (std::strcmp(enc->name, "libx264") == 0) {
            av_opt_set(c->priv_data, "preset", "medium", 0);
            av_opt_set(c->priv_data, "crf", "18", 0);  // sharp text and outlines
        } else {
            c->bit_rate = std::max<int64_t>(2'000'000, int64_t(m.enc_w) * m.enc_h * 4);
        }
    }
    if (m.fmt->oformat->flags & AVFMT_GLOBALHEADER) c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    r = avcodec_open2(c, enc, nullptr);
    if (r < 0) m.fail("the " + std::string(enc->name) + " encoder did not open", r);
    m.stream = avformat_new_stream(m.fmt.get(), nullptr);
    if (!m.stream) throw InputError("Out of memory opening the video stream.");
    m.stream->time_base = c->time_base;
    m.stream->avg_frame_rate = rate;
    r = avcodec_parameters_from_context(m.stream->codecpar, c);
    if (r < 0) m.fail("the stream parameters", r);

    m.frame.reset(av_frame_alloc());
    m.packet.reset(av_packet_alloc());
    if (!m.frame || !m.packet) throw InputError("Out of memory opening the video encoder.");
    m.frame->format = c->pix_fmt;
    m.frame->width = c->width;
    m.frame->height = c->height;
    r = av_frame_get_buffer(m.frame.get(), 0);
    if (r < 0) m.fail("frame buffer", r);
    if (!m.gif) {
        m.sws.reset(sws_getContext(width, height, AV_PIX_FMT_RGBA, m.enc_w, m.enc_h, AV_PIX_FMT_YUV420P,
                                   SWS_BICUBIC, nullptr, nullptr, nullptr));
        if (!m.sws) throw InputError("Could not set up the colour conversion for the video.");
    }
    r = avio_open(&m.fmt->pb, m.file.path().c_str(), AVIO_FLAG_WRITE);
    if (r < 0) m.fail("the file could not be created", r);
    AVDictionary* opts = nullptr;
    if (!m.gif) av_dict_set(&opts, "movflags", "+faststart", 0);
    r = avformat_write_header(m.fmt.get(), &opts);
    av_dict_free(&opts);
    if (r < 0) m.fail("the header could not be written", r);
}

VideoWriter::~VideoWriter() = default;

int VideoWriter::frame_count() const {
    return impl_->frames;
}

std::string VideoWriter::codec_name() const {
    return impl_->codec->codec->name;
}

void VideoWriter::add_frame(const std::vector<unsigned char>& rgba) {
    Impl& m = *impl_;
    if (rgba.size() != size_t(m.width) * size_t(m.height) * 4)
        throw InternalError("VideoWriter::add_frame: the frame is not width x height RGBA.");
    if (m.gif) {
        std::vector<uint16_t> keys(size_t(m.width) * size_t(m.height));
        for (size_t i = 0; i < keys.size(); ++i) {
            keys[i] = key15(&rgba[i * 4]);
            ++m.histogram[keys[i]];
        }
        m.gif_frames.push_back(std::move(keys));
        ++m.frames;
        return;
    }
    int r = av_frame_make_writable(m.frame.get());
    if (r < 0) m.fail("frame buffer", r);
    const uint8_t* src[1] = {rgba.data()};
    const int stride[1] = {m.width * 4};
    sws_scale(m.sws.get(), src, stride, 0, m.height, m.frame->data, m.frame->linesize);
    m.frame->pts = m.frames++;
    m.encode(m.frame.get());
}

void VideoWriter::finish() {
    Impl& m = *impl_;
    if (m.frames == 0) throw InputError("The video " + m.file.target() + " would have no frames.");
    if (m.gif) {
        // One palette for the whole replay: the 256 most used 15-bit colours; every key maps to the nearest.
        std::vector<int> order(32768);
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(),
                         [&](int a, int b) { return m.histogram[size_t(a)] > m.histogram[size_t(b)]; });
        std::vector<int> pal;
        for (int k : order) {
            if (pal.size() == 256 || m.histogram[size_t(k)] == 0) break;
            pal.push_back(k);
        }
        auto rgb = [](int k, int shift) { return ((k >> shift) & 31) * 255 / 31; };
        std::vector<uint8_t> index(32768, 0);
        std::vector<bool> done(32768, false);
        for (size_t f = 0; f < m.gif_frames.size(); ++f) {
            int r = av_frame_make_writable(m.frame.get());
            if (r < 0) m.fail("frame buffer", r);
            auto* palette = reinterpret_cast<uint32_t*>(m.frame->data[1]);
            for (size_t i = 0; i < 256; ++i)
                palette[i] = i < pal.size() ? (0xFFu << 24) | uint32_t(rgb(pal[i], 10) << 16) |
                                                  uint32_t(rgb(pal[i], 5) << 8) | uint32_t(rgb(pal[i], 0))
                                            : 0xFF000000u;
            const auto& keys = m.gif_frames[f];
            for (int y = 0; y < m.height; ++y) {
                uint8_t* row = m.frame->data[0] + ptrdiff_t(y) * m.frame->linesize[0];
                for (int x = 0; x < m.width; ++x) {
                    const uint16_t k = keys[size_t(y) * size_t(m.width) + size_t(x)];
                    if (!done[k]) {
                        int best = 0, best_d = 1 << 30;
                        for (size_t i = 0; i < pal.size(); ++i) {
                            const int dr = ((k >> 10) & 31) - ((pal[i] >> 10) & 31),
                                      dg = ((k >> 5) & 31) - ((pal[i] >> 5) & 31),
                                      db = (k & 31) - (pal[i] & 31);
                            const int d = 3 * dr * dr + 4 * dg * dg + 2 * db * db;
                            if (d < best_d) best_d = d, best = int(i);
                        }
                        index[k] = static_cast<uint8_t>(best);
                        done[k] = true;
                    }
                    row[x] = index[k];
                }
            }
            std::vector<uint16_t>().swap(m.gif_frames[f]);
            m.frame->pts = int64_t(f);
            m.encode(m.frame.get());
        }
    }
    m.encode(nullptr);  // flush the encoder's delayed frames
    int r = av_write_trailer(m.fmt.get());
    if (r < 0) m.fail("the trailer could not be written (is the disk full?)", r);
    r = avio_closep(&m.fmt->pb);
    if (r < 0) m.fail("the file could not be closed (is the disk full?)", r);
    m.file.commit();
}

}  // namespace pa::output
