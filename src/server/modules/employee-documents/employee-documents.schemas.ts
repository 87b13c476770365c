import { Type } from 'typebox';
import { Nullable } from '../../shared/schema.ts';

export const EmployeeDocument = Type.Object(
  {
    '@context': Type.Optional(Type.String()),
    '@id': Type.Optional(Type.String()),
    '@type': Type.Optional(Type.String()),
    id: Type.Integer(),
    employee: Type.String(),
    fileName: Type.String(),
    contentType: Type.String({ description: 'Read from the content, not from the upload label.' }),
    size: Type.Integer({ description: 'Bytes.' }),
    sha256: Type.String(),
    uploadedBy: Nullable(Type.String()),
    createdAt: Type.String(),
    contentUrl: Type.String({ description: 'GET it to download the file.' }),
  },
  { title: 'EmployeeDocument' },
);

export const EmployeeDocuments = Type.Object(
  {
    '@context': Type.Optional(Type.String()),
    '@id': Type.Optional(Type.String()),
    '@type': Type.Optional(Type.String()),
    employee: Type.String(),
    documents: Type.Array(EmployeeDocument),
  },
  { title: 'EmployeeDocuments' },
);
