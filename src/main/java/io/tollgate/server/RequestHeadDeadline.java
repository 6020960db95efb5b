package io.tollgate.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import reactor.netty.NettyPipeline;

/**
 * Closes an HTTP/1.1 connection whose request line and headers have not all arrived within a
 * deadline of the request's first byte. Reactor Netty's idle timeout is reset by every byte, and its
 * read and request timeouts start only once the headers are in, so without this a client sending
 * one header byte a second holds a connection for hours.
 *
 * <p>Two handlers share one state per connection: one before the HTTP codec sees the first byte of
 * a request and arms the deadline, one after it sees the decoded head and disarms it, and counts
 * responses so that the bytes of a request still being answered (its body, or a pipelined next
 * request) arm nothing. Both run on the connection's event loop, so the state needs no locking; the
 * deadline is a task on that loop, never a waiting thread.
 */
final class RequestHeadDeadline {

    static final String FIRST_BYTE_HANDLER = "tollgate.requestHeadFirstByte";
    static final String HEAD_HANDLER = "tollgate.requestHeadComplete";

    private final long timeoutNanos;
    private ScheduledFuture<?> deadline;
    private int unanswered;

    private RequestHeadDeadline(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    /**
     * Adds the deadline around the HTTP/1.1 codec of a new connection. A connection without one
     * (HTTP/2, negotiated later by ALPN) is left as it is: its heads arrive as frames.
     */
    static void install(ChannelPipeline pipeline, Duration timeout) {
        if (pipeline.get(NettyPipeline.HttpCodec) == null) {
            return;
        }
        RequestHeadDeadline state = new RequestHeadDeadline(timeout);
        pipeline.addBefore(NettyPipeline.HttpCodec, FIRST_BYTE_HANDLER, state.new FirstByte());
        pipeline.addAfter(NettyPipeline.HttpCodec, HEAD_HANDLER, state.new HeadComplete());
    }

    private void arm(ChannelHandlerContext ctx) {
        if (deadline == null && unanswered == 0) {
            deadline = ctx.executor().schedule(() -> {
                ctx.channel().close();
            }, timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void disarm() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    private static boolean endsResponse(Object message) {
        return message instanceof LastHttpContent
                && !(message instanceof HttpResponse response
                        && response.status().codeClass() == HttpStatusClass.INFORMATIONAL);
    }

    /** Before the codec: raw bytes. */
    private final class FirstByte extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (message instanceof ByteBuf bytes && bytes.isReadable()) {
                arm(ctx);
            }
            ctx.fireChannelRead(message);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            disarm();
            ctx.fireChannelInactive();
        }
    }

    /** After the codec: decoded request heads in, responses out. */
    private final class HeadComplete extends ChannelDuplexHandler {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (message instanceof HttpRequest) {
                unanswered++;
                disarm();
            }
            ctx.fireChannelRead(message);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
            if (endsResponse(message) && unanswered > 0) {
                unanswered--;
            }
            ctx.write(message, promise);
        }
    }
}
