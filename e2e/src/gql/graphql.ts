/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type CrearCampanaInput = {
  afiliadoIds?: Array<string | number> | null | undefined;
  descripcion?: string | null | undefined;
  /** Not before fechaInicio. */
  fechaFin: string;
  fechaInicio: string;
  metaConversiones: number;
  nombre: string;
  /** Between 0 and 100. */
  porcentajeComision: string;
  /** Not negative, at most 2 decimals. */
  presupuesto: string;
  tags?: Array<string> | null | undefined;
  tipo: TipoCampana;
};

/** DRAFT → ACTIVE → PAUSED ↔ ACTIVE → COMPLETED */
export type EstadoCampana =
  | 'ACTIVE'
  | 'COMPLETED'
  | 'DRAFT'
  | 'PAUSED';

/** CALCULADA → APROBADA → PAGADA, or RECHAZADA */
export type EstadoComision =
  | 'APROBADA'
  | 'CALCULADA'
  | 'PAGADA'
  | 'RECHAZADA';

export type EstadoDeComando =
  | 'ACEPTADO'
  | 'COMPLETADO'
  | 'RECHAZADO';

export type RegistrarAfiliadoInput = {
  /** Between 0 and 100, at most 2 decimals. */
  comisionBase: string;
  /** Unique among affiliates; stored in lower case. */
  email: string;
  /** 1 to 200 characters. */
  nombre: string;
  /** Digits, spaces, +, - and parentheses; 7 to 20 characters. */
  telefono?: string | null | undefined;
  tipoAfiliacion: TipoAfiliacion;
};

export type RegistrarConversionInput = {
  afiliadoId: string | number;
  campanaId: string | number;
  /** A JSON object of at most 8 KB serialised; absent means {}. */
  metadata?: { [key: string]: unknown } | null | undefined;
  /** ISO 4217 currency code, e.g. USD or COP. */
  moneda: string;
  tipo: TipoConversion;
  /** Greater than 0, at most 2 decimals. */
  valor: string;
};

export type TipoAfiliacion =
  | 'PREMIUM'
  | 'STANDARD';

export type TipoCampana =
  | 'DIGITAL'
  | 'ESTACIONAL'
  | 'FIDELIZACION'
  | 'PROMOCIONAL';

export type TipoConversion =
  | 'CLIC'
  | 'LEAD'
  | 'VENTA';

export type AfiliadosConResumenQueryVariables = Exact<{
  first: number;
}>;


export type AfiliadosConResumenQuery = { __typename: 'Query', afiliados: { __typename: 'AfiliadoConnection', totalCount: number, pageInfo: { __typename: 'PageInfo', endCursor: string | null, hasNextPage: boolean }, nodes: Array<{ __typename: 'Afiliado', id: string, nombre: string, conversiones: { __typename: 'ConversionConnection', nodes: Array<{ __typename: 'Conversion', valor: string, moneda: string, campana: { __typename: 'Campana', nombre: string } }> }, comisiones: { __typename: 'ComisionConnection', totalCount: number, nodes: Array<{ __typename: 'Comision', monto: string, estado: EstadoComision }> } }> } };

export type ComisionCamposFragment = { __typename: 'Comision', id: string, estado: EstadoComision, monto: string, porcentaje: string, moneda: string, calculadaEn: string, aprobadaEn: string | null, pagadaEn: string | null };

export type ClienteComisionQueryVariables = Exact<{
  id: string | number;
}>;


export type ClienteComisionQuery = { __typename: 'Query', comision: { __typename: 'Comision', id: string, estado: EstadoComision, monto: string, porcentaje: string, moneda: string, calculadaEn: string, aprobadaEn: string | null, pagadaEn: string | null } | null };

export type ClienteComisionesQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type ClienteComisionesQuery = { __typename: 'Query', comisiones: { __typename: 'ComisionConnection', totalCount: number, pageInfo: { __typename: 'PageInfo', endCursor: string | null, hasNextPage: boolean }, nodes: Array<{ __typename: 'Comision', id: string, estado: EstadoComision, monto: string, porcentaje: string, moneda: string, calculadaEn: string, aprobadaEn: string | null, pagadaEn: string | null }> } };

export type ClienteRegistrarAfiliadoMutationVariables = Exact<{
  input: RegistrarAfiliadoInput;
}>;


export type ClienteRegistrarAfiliadoMutation = { __typename: 'Mutation', registrarAfiliado: { __typename: 'ComandoAceptado', correlationId: string, id: string } };

export type ClienteCrearCampanaMutationVariables = Exact<{
  input: CrearCampanaInput;
}>;


export type ClienteCrearCampanaMutation = { __typename: 'Mutation', crearCampana: { __typename: 'ComandoAceptado', correlationId: string, id: string } };

export type ClienteActivarCampanaMutationVariables = Exact<{
  id: string | number;
}>;


export type ClienteActivarCampanaMutation = { __typename: 'Mutation', activarCampana: { __typename: 'ComandoAceptado', correlationId: string, id: string } };

export type ClienteRegistrarConversionMutationVariables = Exact<{
  input: RegistrarConversionInput;
}>;


export type ClienteRegistrarConversionMutation = { __typename: 'Mutation', registrarConversion: { __typename: 'ComandoAceptado', correlationId: string, id: string } };

export type ClienteAprobarComisionMutationVariables = Exact<{
  id: string | number;
}>;


export type ClienteAprobarComisionMutation = { __typename: 'Mutation', aprobarComision: { __typename: 'ComandoAceptado', correlationId: string, id: string } };

export type ClienteComandoSubscriptionVariables = Exact<{
  correlationId: string | number;
}>;


export type ClienteComandoSubscription = { comando: { __typename: 'EstadoComando', correlationId: string, estado: EstadoDeComando, comando: string | null, entidadId: string | null, motivo: string | null } };

export type ClienteComisionCalculadaSubscriptionVariables = Exact<{
  afiliadoId?: string | number | null | undefined;
  desde?: string | null | undefined;
}>;


export type ClienteComisionCalculadaSubscription = { comisionCalculada: { __typename: 'ComisionCalculada', eventoId: string, correlationId: string, comision: { __typename: 'Comision', id: string, estado: EstadoComision, monto: string, porcentaje: string, moneda: string, calculadaEn: string, aprobadaEn: string | null, pagadaEn: string | null, afiliado: { __typename: 'Afiliado', id: string, nombre: string } } } };

export type ClienteComisionActualizadaSubscriptionVariables = Exact<{
  comisionId?: string | number | null | undefined;
  desde?: string | null | undefined;
}>;


export type ClienteComisionActualizadaSubscription = { comisionActualizada: { __typename: 'ComisionActualizada', eventoId: string, tipo: string, comision: { __typename: 'Comision', id: string, estado: EstadoComision, aprobadaEn: string | null } } };

export type RegistrarAfiliadoMutationVariables = Exact<{
  input: RegistrarAfiliadoInput;
}>;


export type RegistrarAfiliadoMutation = { __typename: 'Mutation', registrarAfiliado: { __typename: 'ComandoAceptado', correlationId: string, id: string, aceptadoEn: string } };

export type CrearCampanaMutationVariables = Exact<{
  input: CrearCampanaInput;
}>;


export type CrearCampanaMutation = { __typename: 'Mutation', crearCampana: { __typename: 'ComandoAceptado', correlationId: string, id: string } };

export type ActivarCampanaMutationVariables = Exact<{
  id: string | number;
}>;


export type ActivarCampanaMutation = { __typename: 'Mutation', activarCampana: { __typename: 'ComandoAceptado', correlationId: string } };

export type RegistrarConversionMutationVariables = Exact<{
  input: RegistrarConversionInput;
}>;


export type RegistrarConversionMutation = { __typename: 'Mutation', registrarConversion: { __typename: 'ComandoAceptado', correlationId: string, id: string } };

export type AprobarComisionMutationVariables = Exact<{
  id: string | number;
}>;


export type AprobarComisionMutation = { __typename: 'Mutation', aprobarComision: { __typename: 'ComandoAceptado', correlationId: string } };

export type PagarComisionMutationVariables = Exact<{
  id: string | number;
}>;


export type PagarComisionMutation = { __typename: 'Mutation', pagarComision: { __typename: 'ComandoAceptado', correlationId: string } };

export type ComandoSubscriptionVariables = Exact<{
  correlationId: string | number;
}>;


export type ComandoSubscription = { comando: { __typename: 'EstadoComando', correlationId: string, estado: EstadoDeComando, entidadId: string | null, motivo: string | null, actualizadoEn: string } };

export type CampanaCreadaSubscriptionVariables = Exact<{
  desdeEvento?: string | number | null | undefined;
  desde?: string | null | undefined;
}>;


export type CampanaCreadaSubscription = { campanaCreada: { __typename: 'CampanaCreada', eventoId: string, ocurridoEn: string, correlationId: string, campana: { __typename: 'Campana', id: string, nombre: string, estado: EstadoCampana, afiliados: Array<{ __typename: 'Afiliado', id: string, nombre: string }> } } };

export type ComisionCalculadaSubscriptionVariables = Exact<{
  afiliadoId?: string | number | null | undefined;
  desde?: string | null | undefined;
}>;


export type ComisionCalculadaSubscription = { comisionCalculada: { __typename: 'ComisionCalculada', eventoId: string, correlationId: string, comision: { __typename: 'Comision', id: string, monto: string, porcentaje: string, estado: EstadoComision, afiliado: { __typename: 'Afiliado', nombre: string }, campana: { __typename: 'Campana', nombre: string }, conversion: { __typename: 'Conversion', id: string, valor: string } } } };

export type ComisionesPendientesQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type ComisionesPendientesQuery = { __typename: 'Query', comisionesPendientes: { __typename: 'ComisionConnection', totalCount: number, pageInfo: { __typename: 'PageInfo', endCursor: string | null, hasNextPage: boolean }, nodes: Array<{ __typename: 'Comision', id: string, estado: EstadoComision }> } };

export type ComisionQueryVariables = Exact<{
  id: string | number;
}>;


export type ComisionQuery = { __typename: 'Query', comision: { __typename: 'Comision', id: string, estado: EstadoComision, motivo: string | null, aprobadaEn: string | null, pagadaEn: string | null } | null };

export type PausarCampanaMutationVariables = Exact<{
  id: string | number;
}>;


export type PausarCampanaMutation = { __typename: 'Mutation', pausarCampana: { __typename: 'ComandoAceptado', correlationId: string } };

export type FinalizarCampanaMutationVariables = Exact<{
  id: string | number;
}>;


export type FinalizarCampanaMutation = { __typename: 'Mutation', finalizarCampana: { __typename: 'ComandoAceptado', correlationId: string, id: string } };

export type AsignarAfiliadoMutationVariables = Exact<{
  campanaId: string | number;
  afiliadoId: string | number;
}>;


export type AsignarAfiliadoMutation = { __typename: 'Mutation', asignarAfiliado: { __typename: 'ComandoAceptado', correlationId: string, id: string } };

export type RechazarComisionMutationVariables = Exact<{
  id: string | number;
  motivo: string;
}>;


export type RechazarComisionMutation = { __typename: 'Mutation', rechazarComision: { __typename: 'ComandoAceptado', correlationId: string, id: string } };

export type CampanaQueryVariables = Exact<{
  id: string | number;
}>;


export type CampanaQuery = { __typename: 'Query', campana: { __typename: 'Campana', id: string, estado: EstadoCampana, afiliados: Array<{ __typename: 'Afiliado', id: string, nombre: string }> } | null };

export type CampanaActualizadaSubscriptionVariables = Exact<{
  campanaId?: string | number | null | undefined;
  desde?: string | null | undefined;
}>;


export type CampanaActualizadaSubscription = { campanaActualizada: { __typename: 'CampanaActualizada', tipo: string, correlationId: string, campana: { __typename: 'Campana', id: string, estado: EstadoCampana } } };

export type ComisionActualizadaSubscriptionVariables = Exact<{
  comisionId?: string | number | null | undefined;
  campanaId?: string | number | null | undefined;
  desde?: string | null | undefined;
}>;


export type ComisionActualizadaSubscription = { comisionActualizada: { __typename: 'ComisionActualizada', tipo: string, correlationId: string, comision: { __typename: 'Comision', id: string, estado: EstadoComision, motivo: string | null } } };

export const ComisionCamposFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ComisionCampos"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Comision"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"estado"}},{"kind":"Field","name":{"kind":"Name","value":"monto"}},{"kind":"Field","name":{"kind":"Name","value":"porcentaje"}},{"kind":"Field","name":{"kind":"Name","value":"moneda"}},{"kind":"Field","name":{"kind":"Name","value":"calculadaEn"}},{"kind":"Field","name":{"kind":"Name","value":"aprobadaEn"}},{"kind":"Field","name":{"kind":"Name","value":"pagadaEn"}}]}}]} as unknown as DocumentNode<ComisionCamposFragment, unknown>;
export const AfiliadosConResumenDocument = {"__meta__":{"hash":"sha256:4fe855b2388f4995df47850024c89bba166ba2b087bfe92599e6b369e0549f7f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AfiliadosConResumen"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"afiliados"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nombre"}},{"kind":"Field","name":{"kind":"Name","value":"conversiones"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"valor"}},{"kind":"Field","name":{"kind":"Name","value":"moneda"}},{"kind":"Field","name":{"kind":"Name","value":"campana"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"nombre"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"comisiones"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"monto"}},{"kind":"Field","name":{"kind":"Name","value":"estado"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<AfiliadosConResumenQuery, AfiliadosConResumenQueryVariables>;
export const ClienteComisionDocument = {"__meta__":{"hash":"sha256:3d28f9b11a2364a2ae2e51ac8fd510c884a272a61bc6f383b8371f181474cc86"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ClienteComision"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"comision"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ComisionCampos"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ComisionCampos"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Comision"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"estado"}},{"kind":"Field","name":{"kind":"Name","value":"monto"}},{"kind":"Field","name":{"kind":"Name","value":"porcentaje"}},{"kind":"Field","name":{"kind":"Name","value":"moneda"}},{"kind":"Field","name":{"kind":"Name","value":"calculadaEn"}},{"kind":"Field","name":{"kind":"Name","value":"aprobadaEn"}},{"kind":"Field","name":{"kind":"Name","value":"pagadaEn"}}]}}]} as unknown as DocumentNode<ClienteComisionQuery, ClienteComisionQueryVariables>;
export const ClienteComisionesDocument = {"__meta__":{"hash":"sha256:6c4a0ccec78a30017eea660d4f151afeac86d7ba3f04355319f3fa85439c985b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ClienteComisiones"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"comisiones"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ComisionCampos"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ComisionCampos"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Comision"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"estado"}},{"kind":"Field","name":{"kind":"Name","value":"monto"}},{"kind":"Field","name":{"kind":"Name","value":"porcentaje"}},{"kind":"Field","name":{"kind":"Name","value":"moneda"}},{"kind":"Field","name":{"kind":"Name","value":"calculadaEn"}},{"kind":"Field","name":{"kind":"Name","value":"aprobadaEn"}},{"kind":"Field","name":{"kind":"Name","value":"pagadaEn"}}]}}]} as unknown as DocumentNode<ClienteComisionesQuery, ClienteComisionesQueryVariables>;
export const ClienteRegistrarAfiliadoDocument = {"__meta__":{"hash":"sha256:dca81c91d27f7745ccd1a166dac40fbf9917919596df8667458f72af536246ef"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ClienteRegistrarAfiliado"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegistrarAfiliadoInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"registrarAfiliado"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ClienteRegistrarAfiliadoMutation, ClienteRegistrarAfiliadoMutationVariables>;
export const ClienteCrearCampanaDocument = {"__meta__":{"hash":"sha256:55ca419e591eb2333afcc7f32fc77241af42b8b4213e052c8b09b083a32fc4b2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ClienteCrearCampana"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CrearCampanaInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"crearCampana"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ClienteCrearCampanaMutation, ClienteCrearCampanaMutationVariables>;
export const ClienteActivarCampanaDocument = {"__meta__":{"hash":"sha256:6a2b5d4b840ef1eaeeb07ce97e1e3c53f4f11055a2ee3e9dffa5b09218c55add"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ClienteActivarCampana"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"activarCampana"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ClienteActivarCampanaMutation, ClienteActivarCampanaMutationVariables>;
export const ClienteRegistrarConversionDocument = {"__meta__":{"hash":"sha256:5491a078e11cbe4c7e2f339a9d7a69a08baf9c7ac12849cde2713b69fce68975"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ClienteRegistrarConversion"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegistrarConversionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"registrarConversion"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ClienteRegistrarConversionMutation, ClienteRegistrarConversionMutationVariables>;
export const ClienteAprobarComisionDocument = {"__meta__":{"hash":"sha256:2864786e2ecbc270ec792c239c81fc4be3406d13b90baa694c9d571715ad4602"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ClienteAprobarComision"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"aprobarComision"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ClienteAprobarComisionMutation, ClienteAprobarComisionMutationVariables>;
export const ClienteComandoDocument = {"__meta__":{"hash":"sha256:b57148315a13b7a258c766ce5964d761f00eed6671ceac1a1ed164980ec37d04"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ClienteComando"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"correlationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"comando"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"correlationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"correlationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}},{"kind":"Field","name":{"kind":"Name","value":"estado"}},{"kind":"Field","name":{"kind":"Name","value":"comando"}},{"kind":"Field","name":{"kind":"Name","value":"entidadId"}},{"kind":"Field","name":{"kind":"Name","value":"motivo"}}]}}]}}]} as unknown as DocumentNode<ClienteComandoSubscription, ClienteComandoSubscriptionVariables>;
export const ClienteComisionCalculadaDocument = {"__meta__":{"hash":"sha256:d8dccad26b8f8ce3152b060f96d75dfaaa2db5f85eef4b3a7f83b832da8b5640"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ClienteComisionCalculada"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"afiliadoId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"desde"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"comisionCalculada"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"afiliadoId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"afiliadoId"}}},{"kind":"Argument","name":{"kind":"Name","value":"desde"},"value":{"kind":"Variable","name":{"kind":"Name","value":"desde"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"eventoId"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}},{"kind":"Field","name":{"kind":"Name","value":"comision"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ComisionCampos"}},{"kind":"Field","name":{"kind":"Name","value":"afiliado"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nombre"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ComisionCampos"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Comision"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"estado"}},{"kind":"Field","name":{"kind":"Name","value":"monto"}},{"kind":"Field","name":{"kind":"Name","value":"porcentaje"}},{"kind":"Field","name":{"kind":"Name","value":"moneda"}},{"kind":"Field","name":{"kind":"Name","value":"calculadaEn"}},{"kind":"Field","name":{"kind":"Name","value":"aprobadaEn"}},{"kind":"Field","name":{"kind":"Name","value":"pagadaEn"}}]}}]} as unknown as DocumentNode<ClienteComisionCalculadaSubscription, ClienteComisionCalculadaSubscriptionVariables>;
export const ClienteComisionActualizadaDocument = {"__meta__":{"hash":"sha256:5c9da882ee02bcc600aacb4c6ca6b9a57c653a2bc2cdd1dc4a517dd8c95749d8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ClienteComisionActualizada"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"comisionId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"desde"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"comisionActualizada"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"comisionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"comisionId"}}},{"kind":"Argument","name":{"kind":"Name","value":"desde"},"value":{"kind":"Variable","name":{"kind":"Name","value":"desde"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"eventoId"}},{"kind":"Field","name":{"kind":"Name","value":"tipo"}},{"kind":"Field","name":{"kind":"Name","value":"comision"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"estado"}},{"kind":"Field","name":{"kind":"Name","value":"aprobadaEn"}}]}}]}}]}}]} as unknown as DocumentNode<ClienteComisionActualizadaSubscription, ClienteComisionActualizadaSubscriptionVariables>;
export const RegistrarAfiliadoDocument = {"__meta__":{"hash":"sha256:9f11641f0c970855d36e8932e59baf95344eb70adba000bcec079f45fb5a3876"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegistrarAfiliado"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegistrarAfiliadoInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"registrarAfiliado"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"aceptadoEn"}}]}}]}}]} as unknown as DocumentNode<RegistrarAfiliadoMutation, RegistrarAfiliadoMutationVariables>;
export const CrearCampanaDocument = {"__meta__":{"hash":"sha256:c6c75c97101550f74dd6e6283fb1dcbc5ab2577a61ca4de281649a4162c73605"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CrearCampana"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CrearCampanaInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"crearCampana"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<CrearCampanaMutation, CrearCampanaMutationVariables>;
export const ActivarCampanaDocument = {"__meta__":{"hash":"sha256:46f1f94919881d6efa51e04f0ce01a3caa8bad85d9a580bf7fe1d2b99b6edc6b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ActivarCampana"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"activarCampana"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}}]}}]}}]} as unknown as DocumentNode<ActivarCampanaMutation, ActivarCampanaMutationVariables>;
export const RegistrarConversionDocument = {"__meta__":{"hash":"sha256:86852c586bc15ccd5c5bd1af16207700c1235a450ac64e0892cd01e6632dac51"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegistrarConversion"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegistrarConversionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"registrarConversion"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<RegistrarConversionMutation, RegistrarConversionMutationVariables>;
export const AprobarComisionDocument = {"__meta__":{"hash":"sha256:cc5df580878e367fa0673f25d8c4e96ae33d9106899dba268dbfcc05eacfd4b4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AprobarComision"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"aprobarComision"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}}]}}]}}]} as unknown as DocumentNode<AprobarComisionMutation, AprobarComisionMutationVariables>;
export const PagarComisionDocument = {"__meta__":{"hash":"sha256:cd558e53aded61af312c7cadf68d35bbffc658792a1f569c8b2da93460b4e9e5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PagarComision"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"pagarComision"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}}]}}]}}]} as unknown as DocumentNode<PagarComisionMutation, PagarComisionMutationVariables>;
export const ComandoDocument = {"__meta__":{"hash":"sha256:bd44990af417249b587ba9f372210f86bdcfd9564d16014b3689350cb1579039"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"Comando"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"correlationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"comando"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"correlationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"correlationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}},{"kind":"Field","name":{"kind":"Name","value":"estado"}},{"kind":"Field","name":{"kind":"Name","value":"entidadId"}},{"kind":"Field","name":{"kind":"Name","value":"motivo"}},{"kind":"Field","name":{"kind":"Name","value":"actualizadoEn"}}]}}]}}]} as unknown as DocumentNode<ComandoSubscription, ComandoSubscriptionVariables>;
export const CampanaCreadaDocument = {"__meta__":{"hash":"sha256:8ed9df4c8fe0571f21bc3d8a5a50f807c483c2ea7dd1c6b6dcf5f03c53fb42d7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CampanaCreada"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"desdeEvento"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"desde"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campanaCreada"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"desdeEvento"},"value":{"kind":"Variable","name":{"kind":"Name","value":"desdeEvento"}}},{"kind":"Argument","name":{"kind":"Name","value":"desde"},"value":{"kind":"Variable","name":{"kind":"Name","value":"desde"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"eventoId"}},{"kind":"Field","name":{"kind":"Name","value":"ocurridoEn"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}},{"kind":"Field","name":{"kind":"Name","value":"campana"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nombre"}},{"kind":"Field","name":{"kind":"Name","value":"estado"}},{"kind":"Field","name":{"kind":"Name","value":"afiliados"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nombre"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CampanaCreadaSubscription, CampanaCreadaSubscriptionVariables>;
export const ComisionCalculadaDocument = {"__meta__":{"hash":"sha256:43726ab1bf9ec4427b9cff7acdb7fc247e58955ed607f1d18210ffa91f33e5ef"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ComisionCalculada"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"afiliadoId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"desde"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"comisionCalculada"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"afiliadoId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"afiliadoId"}}},{"kind":"Argument","name":{"kind":"Name","value":"desde"},"value":{"kind":"Variable","name":{"kind":"Name","value":"desde"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"eventoId"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}},{"kind":"Field","name":{"kind":"Name","value":"comision"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"monto"}},{"kind":"Field","name":{"kind":"Name","value":"porcentaje"}},{"kind":"Field","name":{"kind":"Name","value":"estado"}},{"kind":"Field","name":{"kind":"Name","value":"afiliado"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"nombre"}}]}},{"kind":"Field","name":{"kind":"Name","value":"campana"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"nombre"}}]}},{"kind":"Field","name":{"kind":"Name","value":"conversion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"valor"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ComisionCalculadaSubscription, ComisionCalculadaSubscriptionVariables>;
export const ComisionesPendientesDocument = {"__meta__":{"hash":"sha256:ed8d4e8b76c20fd45ac17cc65852c7c027023635aa3db575ea9f2e4ca6ea6d66"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ComisionesPendientes"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"comisionesPendientes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"estado"}}]}}]}}]}}]} as unknown as DocumentNode<ComisionesPendientesQuery, ComisionesPendientesQueryVariables>;
export const ComisionDocument = {"__meta__":{"hash":"sha256:f28c8dcb7e25da36d6959e0829fb9b790592d3e8c561d83aa8dba75e3ba59c88"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Comision"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"comision"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"estado"}},{"kind":"Field","name":{"kind":"Name","value":"motivo"}},{"kind":"Field","name":{"kind":"Name","value":"aprobadaEn"}},{"kind":"Field","name":{"kind":"Name","value":"pagadaEn"}}]}}]}}]} as unknown as DocumentNode<ComisionQuery, ComisionQueryVariables>;
export const PausarCampanaDocument = {"__meta__":{"hash":"sha256:6552fff6dbe3f00c4801da52fb4b124c72bcaecb1684f26422a7333a6f66fd37"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PausarCampana"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"pausarCampana"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}}]}}]}}]} as unknown as DocumentNode<PausarCampanaMutation, PausarCampanaMutationVariables>;
export const FinalizarCampanaDocument = {"__meta__":{"hash":"sha256:335ef588b5095cca37bf6f95b20be3f6fef488c85d766672782dd2e28e8c4233"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FinalizarCampana"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"finalizarCampana"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<FinalizarCampanaMutation, FinalizarCampanaMutationVariables>;
export const AsignarAfiliadoDocument = {"__meta__":{"hash":"sha256:abb66b6d6130b746320348c85a574a6e8009f6bef85df2860cdd733afc6021d2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AsignarAfiliado"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"campanaId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"afiliadoId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"asignarAfiliado"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"campanaId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"campanaId"}}},{"kind":"Argument","name":{"kind":"Name","value":"afiliadoId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"afiliadoId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<AsignarAfiliadoMutation, AsignarAfiliadoMutationVariables>;
export const RechazarComisionDocument = {"__meta__":{"hash":"sha256:dfcf4551a0fd6630eef358c7f6e650423e772c29181761af908bff3409466ad4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RechazarComision"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"motivo"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"rechazarComision"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"motivo"},"value":{"kind":"Variable","name":{"kind":"Name","value":"motivo"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<RechazarComisionMutation, RechazarComisionMutationVariables>;
export const CampanaDocument = {"__meta__":{"hash":"sha256:c5119b294a990aecb367ec738679c77086140c48eaf0d7a02afaf9d92d5e202e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Campana"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"campana"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"estado"}},{"kind":"Field","name":{"kind":"Name","value":"afiliados"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nombre"}}]}}]}}]}}]} as unknown as DocumentNode<CampanaQuery, CampanaQueryVariables>;
export const CampanaActualizadaDocument = {"__meta__":{"hash":"sha256:ae28f9c58fa3d6985d20e141edbeb408b7e5a32f156903e7a44d14913cc58f80"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CampanaActualizada"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"campanaId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"desde"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campanaActualizada"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"campanaId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"campanaId"}}},{"kind":"Argument","name":{"kind":"Name","value":"desde"},"value":{"kind":"Variable","name":{"kind":"Name","value":"desde"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"tipo"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}},{"kind":"Field","name":{"kind":"Name","value":"campana"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"estado"}}]}}]}}]}}]} as unknown as DocumentNode<CampanaActualizadaSubscription, CampanaActualizadaSubscriptionVariables>;
export const ComisionActualizadaDocument = {"__meta__":{"hash":"sha256:1ddf3f29ed09249f16450f7488c1d35cb39cc49aad4e08d9472feb8b169f0713"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ComisionActualizada"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"comisionId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"campanaId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"desde"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"comisionActualizada"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"comisionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"comisionId"}}},{"kind":"Argument","name":{"kind":"Name","value":"campanaId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"campanaId"}}},{"kind":"Argument","name":{"kind":"Name","value":"desde"},"value":{"kind":"Variable","name":{"kind":"Name","value":"desde"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"tipo"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}},{"kind":"Field","name":{"kind":"Name","value":"comision"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"estado"}},{"kind":"Field","name":{"kind":"Name","value":"motivo"}}]}}]}}]}}]} as unknown as DocumentNode<ComisionActualizadaSubscription, ComisionActualizadaSubscriptionVariables>;