# syntax=docker/dockerfile:1
# An image for editors and content-repository CI: the gongkai binary on Debian bookworm, nothing
# else added (no Rust toolchain, no sources). Building the image also checks and builds the
# bundled demo site with that binary, so an image that exists is one that builds a site.
#
#   docker build -t gongkai .
#   docker run --rm -u "$(id -u):$(id -g)" -v "$PWD:/site" gongkai gongkai check --strict
#   docker run --rm -u "$(id -u):$(id -g)" -v "$PWD:/site" gongkai      # gongkai build → public/
#
# `serve` and `watch` are for an editor's own machine (`cargo install`, README "Install"): the
# preview server listens on 127.0.0.1 only, which a container's port mapping cannot reach.
# Needs BuildKit (the default builder since Docker 23) for the `RUN --mount` below.

# Stage 1: the README's install command, with the toolchain of the official Rust image.
FROM rust:1-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo install --locked --path . --root /usr/local \
 && gongkai --version

# Stage 2: the binary alone on Debian's slim base (it links only glibc and libgcc_s, both in it).
FROM debian:bookworm-slim
COPY --from=build /usr/local/bin/gongkai /usr/local/bin/gongkai
# The demo (site.yaml, content/, themes/ of this repository) checks strictly and builds with the
# installed binary. The sources are mounted for this step only and never enter the image; the
# output and gongkai's record of it (.gongkai/) go to the throwaway mount and /tmp, removed here.
RUN --mount=type=bind,from=build,source=/src,target=/demo,rw \
    gongkai --version \
 && gongkai --root /demo --as-of 2025-12-31 check --strict \
 && gongkai --root /demo --as-of 2025-12-31 build --output /tmp/demo-public \
 && test -f /tmp/demo-public/index.html \
 && rm -rf /tmp/demo-public
WORKDIR /site
CMD ["gongkai", "build"]
