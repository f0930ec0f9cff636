/*
 * Deletes the ephemeral nodes left in the standalone broker's RocksDB metadata store
 * (pulsar/data/metadata) by a broker that did not shut down cleanly (SIGKILL, crash,
 * power loss). Run by scripts/pulsar/start.mjs before it starts a broker, never while
 * one is running (RocksDB's LOCK makes that impossible anyway).
 *
 * Why: with metadataStoreUrl=rocksdb://... (the standalone default since Pulsar 2.11),
 * ephemeral nodes such as the bookie registration /ledgers/available/localhost:3181 are
 * persisted. Pulsar 3.3.2 treats another instance's ephemeral node as absent but deletes
 * it asynchronously, and the bookie's registration lock then fights its own delete
 * notifications forever ("Lock on resource /ledgers/available/... was invalidated",
 * hundreds of MB of log, broker never ready). Ephemeral nodes belong to the session
 * that created it; with no broker running they are all stale, which is exactly what
 * ZooKeeper's session expiry would remove.
 *
 * Value layout (org.apache.pulsar.metadata.impl.RocksdbMetadataStore.MetaValue, v1):
 *   int headerSize, int formatVersion, long version, long owner, long createdTimestamp,
 *   long modifiedTimestamp, byte ephemeral, byte[] data
 *
 * Usage (Java 11+ single-file source launcher, the broker's classpath provides rocksdbjni):
 *   java -cp <broker classpath> pulsar/tools/PurgeEphemeralMetadata.java pulsar/data/metadata
 */
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

public class PurgeEphemeralMetadata {
    private static final int EPHEMERAL_OFFSET = 4 + 4 + 8 + 8 + 8 + 8;

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: PurgeEphemeralMetadata <rocksdb metadata dir>");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        if (!Files.exists(dir.resolve("CURRENT"))) {
            System.out.println("no metadata store at " + dir + "; nothing to purge");
            return;
        }
        RocksDB.loadLibrary();
        Options options = new Options().setCreateIfMissing(false).setInfoLogLevel(InfoLogLevel.WARN_LEVEL);
        String logDir = System.getProperty("pulsar.log.dir", "");
        if (!logDir.isEmpty()) {
            Files.createDirectories(Path.of(logDir, "rocksdb-log"));
            options.setDbLogDir(Path.of(logDir, "rocksdb-log").toString()); // keep RocksDB's LOG out of the data dir
        }
        List<byte[]> stale = new ArrayList<>();
        try (options;
             RocksDB db = RocksDB.open(options, dir.toString());
             WriteOptions sync = new WriteOptions().setSync(true)) {
            try (RocksIterator it = db.newIterator()) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    byte[] key = it.key();
                    if (key.length == 0 || key[0] != '/') {
                        continue; // internal keys such as __metadata_instanceId_key
                    }
                    byte[] value = it.value();
                    if (value == null || value.length <= EPHEMERAL_OFFSET) {
                        continue;
                    }
                    ByteBuffer buf = ByteBuffer.wrap(value);
                    int headerSize = buf.getInt();
                    int formatVersion = buf.getInt();
                    if (formatVersion < 1 || headerSize <= EPHEMERAL_OFFSET || value.length < headerSize) {
                        continue; // unknown format: leave it alone
                    }
                    if (value[EPHEMERAL_OFFSET] != 0) {
                        stale.add(key);
                    }
                }
            }
            for (byte[] key : stale) {
                db.delete(sync, key);
                System.out.println("purged stale ephemeral node " + new String(key, StandardCharsets.UTF_8));
            }
        }
        System.out.println("purged " + stale.size() + " stale ephemeral node(s)");
    }
}
