package io.picloud.itests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * One PUBLISH to the real Mosquitto at 127.0.0.1:1883 with a minimal MQTT 3.1.1 client (the test bundle has no MQTT
 * library): QoS 0, or QoS 1 waiting for the broker's PUBACK, so the message is at the broker when this returns.
 */
final class MqttPublisher {
    private MqttPublisher() {
    }

    static void publish(String topic, String payload, int qos) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", 1883)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream connect = new ByteArrayOutputStream();
            writeString(connect, "MQTT");
            connect.write(4);          // protocol level 3.1.1
            connect.write(0x02);       // clean session
            connect.write(0);
            connect.write(30);         // keep alive 30 s
            writeString(connect, "picloud-it-" + PicloudTestSupport.randomHex(4));
            packet(out, 0x10, connect.toByteArray());
            byte[] connack = in.readNBytes(4);
            if (connack.length != 4 || connack[0] != 0x20 || connack[3] != 0) {
                throw new IOException("MQTT CONNECT refused: " + HexFormat.of().formatHex(connack));
            }
            ByteArrayOutputStream publish = new ByteArrayOutputStream();
            writeString(publish, topic);
            if (qos > 0) {
                publish.write(0);
                publish.write(1);      // packet id 1
            }
            publish.write(payload.getBytes(StandardCharsets.UTF_8));
            packet(out, qos > 0 ? 0x32 : 0x30, publish.toByteArray());
            if (qos > 0) {
                byte[] puback = in.readNBytes(4);
                if (puback.length != 4 || (puback[0] & 0xF0) != 0x40) {
                    throw new IOException("no PUBACK: " + HexFormat.of().formatHex(puback));
                }
            }
            packet(out, 0xE0, new byte[0]); // DISCONNECT
        }
    }

    private static void packet(OutputStream out, int type, byte[] body) throws IOException {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(type);
        int length = body.length;
        do {
            int digit = length % 128;
            length /= 128;
            p.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        p.write(body);
        out.write(p.toByteArray());
        out.flush();
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b.length >> 8);
        out.write(b.length & 0xFF);
        out.write(b, 0, b.length);
    }
}
