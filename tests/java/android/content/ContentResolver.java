// Stand-in for android.content.ContentResolver: documents by Uri string, served through
// openInputStream (final in Android, as here) in small pieces, counting closed streams.
package android.content;

import android.net.Uri;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

public class ContentResolver {
    public final Map<String, byte[]> documents = new HashMap<>();
    public int opened;
    public int closed;

    public void put(String uri, byte[] bytes) {
        documents.put(uri, bytes);
    }

    public final InputStream openInputStream(Uri uri) throws FileNotFoundException {
        byte[] bytes = documents.get(uri.toString());
        if (bytes == null) {
            throw new FileNotFoundException("No content provider: " + uri);
        }
        opened++;
        // Like a real provider's pipe: never more than a few KB per read.
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7001));
            }

            @Override
            public void close() throws IOException {
                closed++;
                super.close();
            }
        };
    }
}
