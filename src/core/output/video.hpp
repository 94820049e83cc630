#pragma once
// A video file from RGBA frames (the replay: `parkatlas animate`), through FFmpeg's libraries (Debian's
// libavcodec / libavformat / libswscale): .mp4 as H.264 (libx264, yuv420p, +faststart so a browser or a
// projector laptop starts playing at once; MPEG-4 part 2 where libx264 is missing) and .gif with one palette
// for the whole replay (the 256 most used colours of all frames, every other colour drawn as its nearest).
// Written through OutputFile: whole or not at all, never over the workspace or an input.
#include <memory>
#include <string>
#include <vector>

namespace pa::output {

/// "mp4 gif": what VideoWriter writes (file extensions, lower case).
const char* video_formats();

class VideoWriter {
  public:
    /// Opens the encoder for `path` (its extension picks the format: mp4 or gif; InputError names the
    /// accepted ones otherwise). Frames are width x height (an MP4 is encoded at even sizes, the last row or
    /// column dropped when odd); `fps` frames per second (0.1-60).
    VideoWriter(const std::string& path, int width, int height, double fps,
                const std::vector<std::string>& protected_paths = {});
    ~VideoWriter();
    VideoWriter(const VideoWriter&) = delete;
    VideoWriter& operator=(const VideoWriter&) = delete;

    /// Adds one frame: RGBA, top row first, width x height x 4 bytes.
    void add_frame(const std::vector<unsigned char>& rgba);
    /// Flushes the encoder, writes the trailer and moves the file into place. Without it (an exception, a
    /// kill) the target is left as it was.
    void finish();
    int frame_count() const;
    /// The encoder used, e.g. "libx264" or "gif".
    std::string codec_name() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace pa::output
