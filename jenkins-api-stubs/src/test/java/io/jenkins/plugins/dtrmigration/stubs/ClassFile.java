package io.jenkins.plugins.dtrmigration.stubs;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Just enough of a class-file reader (JVMS chapter 4) to look at the bytecode of each method. */
final class ClassFile {
    static final int ACC_ABSTRACT = 0x0400;
    static final int ACC_NATIVE = 0x0100;
    static final int ACC_SYNTHETIC = 0x1000;
    static final int ACC_ENUM = 0x4000;

    record MethodInfo(int access, String name, String descriptor, byte[] code) {
    }

    final String name;
    final int access;
    final List<MethodInfo> methods = new ArrayList<>();
    private final Object[] pool;

    private ClassFile(DataInputStream in) throws IOException {
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        pool = new Object[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> pool[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                case 7, 8, 16, 19, 20 -> pool[i] = new int[] {tag, in.readUnsignedShort()};
                case 9, 10, 11, 12, 17, 18 -> pool[i] = new int[] {tag, in.readUnsignedShort(), in.readUnsignedShort()};
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant tag " + tag);
            }
        }
        access = in.readUnsignedShort();
        name = className(in.readUnsignedShort());
        in.readUnsignedShort();
        in.skipBytes(2 * in.readUnsignedShort());
        int fields = in.readUnsignedShort();
        for (int i = 0; i < fields; i++) {
            in.skipBytes(6);
            skipAttributes(in);
        }
        int methodCount = in.readUnsignedShort();
        for (int i = 0; i < methodCount; i++) {
            int acc = in.readUnsignedShort();
            String mName = utf(in.readUnsignedShort());
            String desc = utf(in.readUnsignedShort());
            byte[] code = null;
            int attrs = in.readUnsignedShort();
            for (int a = 0; a < attrs; a++) {
                String attr = utf(in.readUnsignedShort());
                int len = in.readInt();
                if (attr.equals("Code")) {
                    in.readUnsignedShort();
                    in.readUnsignedShort();
                    code = new byte[in.readInt()];
                    in.readFully(code);
                    in.skipBytes(len - 8 - code.length);
                } else {
                    in.skipBytes(len);
                }
            }
            methods.add(new MethodInfo(acc, mName, desc, code));
        }
    }

    static ClassFile read(InputStream in) throws IOException {
        return new ClassFile(new DataInputStream(new ByteArrayInputStream(in.readAllBytes())));
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int attrs = in.readUnsignedShort();
        for (int a = 0; a < attrs; a++) {
            in.readUnsignedShort();
            in.skipBytes(in.readInt());
        }
    }

    String utf(int index) {
        return (String) pool[index];
    }

    /** The internal name of the class at a CONSTANT_Class index. */
    String className(int index) {
        return utf(((int[]) pool[index])[1]);
    }

    /** {owner, name, descriptor} of a CONSTANT_Fieldref/Methodref/InterfaceMethodref index. */
    String[] memberRef(int index) {
        int[] ref = (int[]) pool[index];
        int[] nat = (int[]) pool[ref[2]];
        return new String[] {className(ref[1]), utf(nat[1]), utf(nat[2])};
    }
}
