#!/usr/bin/env bash
# Makes the fake's sample video and track (served when the fake runs with `sampleMedia`, as npm start
# does): a 4 s H.264 MP4 and a 4 s MP3, both made here from ffmpeg's generators (nothing copied).
# Run once after changing them (needs Debian's ffmpeg: apt-get install ffmpeg); the results are committed.
set -euo pipefail
cd "$(dirname "$0")"
font=/usr/share/fonts/truetype/dejavu
ffmpeg -hide_banner -loglevel error -y \
	-f lavfi -i "gradients=s=480x270:r=24:d=4:c0=0x1e3a8a:c1=0xf59e0b:c2=0x0f766e:n=3:speed=0.03" \
	-f lavfi -i "color=c=white:s=40x40:r=24:d=4" \
	-filter_complex "[0][1]overlay=x='30+t*95':y='150+60*sin(t*3)':eval=frame,\
drawtext=fontfile=$font/DejaVuSans-Bold.ttf:text='RawUGC sample video':fontsize=26:fontcolor=white:x=(w-tw)/2:y=28:shadowx=2:shadowy=2,\
drawtext=fontfile=$font/DejaVuSans.ttf:text='simulated mode\: no credits spent':fontsize=16:fontcolor=white:x=(w-tw)/2:y=64:shadowx=1:shadowy=1,\
format=yuv420p" \
	-c:v libx264 -profile:v main -preset veryslow -crf 30 -movflags +faststart -an -map_metadata -1 -fflags +bitexact sample.mp4
# C, E, G, high C, each note half a second with a plucked decay, twice.
ffmpeg -hide_banner -loglevel error -y \
	-f lavfi -i "aevalsrc='0.45*sin(2*PI*t*(262*lt(mod(t,2),0.5)+330*between(mod(t,2),0.5,1)+392*between(mod(t,2),1,1.5)+523*gte(mod(t,2),1.5)))*exp(-7*mod(t,0.5))':s=44100:d=4" \
	-c:a libmp3lame -b:a 64k -ac 1 -map_metadata -1 -fflags +bitexact sample.mp3
ls -l sample.mp4 sample.mp3
